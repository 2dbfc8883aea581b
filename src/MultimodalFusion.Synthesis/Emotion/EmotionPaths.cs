using MultimodalFusion.Datasets.AffWild2;

namespace MultimodalFusion.Synthesis.Emotion;

/// <summary>
/// Where the synthetic emotion data keeps what the Aff-Wild2 layout has no place for:
/// <c>ROOT/audio/NAME.wav</c> and <c>ROOT/transcripts/NAME.srt</c>.
/// </summary>
public static class EmotionPaths
{
    /// <summary>The 16 kHz mono WAV of video <paramref name="videoName"/>.</summary>
    public static string Audio(AffWild2Layout layout, string videoName) => Path.Combine(layout.Root, "audio", videoName + ".wav");

    /// <summary>The SRT transcript of video <paramref name="videoName"/>.</summary>
    public static string Transcript(AffWild2Layout layout, string videoName) => Path.Combine(layout.Root, "transcripts", videoName + ".srt");
}
