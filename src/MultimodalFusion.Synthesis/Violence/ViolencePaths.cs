using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Synthesis.Violence;

/// <summary>
/// Where the synthetic violence data keeps what the DVD layout has no place for:
/// <c>ROOT/SPLIT/audio/VIDEO.wav</c> and <c>ROOT/SPLIT/transcripts/VIDEO.srt</c>.
/// </summary>
public static class ViolencePaths
{
    /// <summary>The 16 kHz mono WAV of clip <paramref name="videoName"/>.</summary>
    public static string Audio(DvdLayout layout, string split, string videoName) => Path.Combine(layout.Root, split, "audio", videoName + ".wav");

    /// <summary>The SRT transcript of clip <paramref name="videoName"/>.</summary>
    public static string Transcript(DvdLayout layout, string split, string videoName) => Path.Combine(layout.Root, split, "transcripts", videoName + ".srt");
}
