namespace MultimodalFusion.Synthesis;

/// <summary>
/// Which modalities of one segment were made uninformative or misleading, and how; null = that modality
/// carries the segment's label normally.
/// </summary>
/// <param name="Video">e.g. "turned-away", "occluded" (emotion), "calm-motion", "fast-passerby" (violence).</param>
/// <param name="Audio">e.g. "silence", "neutral-prosody" (emotion), "ambience-only", "loud-bang" (violence).</param>
/// <param name="Text">e.g. "neutral-sentence" (emotion), "calm-sentence", "no-sentence" (violence).</param>
public sealed record SegmentAmbiguity(string? Video, string? Audio, string? Text)
{
    /// <summary>Draws each modality independently with probability <paramref name="fraction"/>.</summary>
    internal static SegmentAmbiguity Draw(Random random, double fraction, string[] videoModes, string[] audioModes, string[] textModes)
    {
        // Draw all six numbers every time so the stream's position does not depend on the outcomes.
        bool v = random.NextDouble() < fraction, a = random.NextDouble() < fraction, t = random.NextDouble() < fraction;
        int vi = random.Next(videoModes.Length), ai = random.Next(audioModes.Length), ti = random.Next(textModes.Length);
        return new SegmentAmbiguity(v ? videoModes[vi] : null, a ? audioModes[ai] : null, t ? textModes[ti] : null);
    }
}
