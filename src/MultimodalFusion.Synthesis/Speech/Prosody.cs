namespace MultimodalFusion.Synthesis.Speech;

/// <summary>espeak-ng voice settings for one sentence.</summary>
/// <param name="Pitch">espeak-ng -p, 0-99 (50 = the voice's default).</param>
/// <param name="Amplitude">espeak-ng -a, 0-200 (100 = default loudness).</param>
/// <param name="WordsPerMinute">espeak-ng -s, 80-450.</param>
/// <param name="WordGap">espeak-ng -g: extra pause between words, in units of 10 ms.</param>
public readonly record struct Prosody(int Pitch, int Amplitude, int WordsPerMinute, int WordGap = 0)
{
    /// <summary>The flat delivery used where the voice must not give the arousal away.</summary>
    public static Prosody Neutral { get; } = ForArousal(-0.1);

    /// <summary>Higher arousal: higher pitch, louder, faster.</summary>
    public static Prosody ForArousal(double arousal)
    {
        double u = Math.Clamp((arousal + 1) / 2, 0, 1);
        return new Prosody((int)Math.Round(20 + 60 * u), (int)Math.Round(40 + 140 * u), (int)Math.Round(125 + 110 * u));
    }
}
