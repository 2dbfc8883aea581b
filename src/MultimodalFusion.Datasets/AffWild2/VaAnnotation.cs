namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>
/// The valence/arousal values of one Aff-Wild2 VA file: entry <c>i</c> belongs to frame <c>i + 1</c>
/// (cropped-aligned image <c>NNNNN.jpg</c> with NNNNN = i + 1).
/// </summary>
/// <remarks>
/// Values are in [-1, 1]; <see cref="Ignore"/> (-5) marks a value the annotators left out. A frame is labelled
/// when neither of its two values is -5. The arrays belong to this record; do not change them after handing
/// the record to a writer.
/// </remarks>
/// <param name="Valence">Per-frame valence, [-1, 1] or -5.</param>
/// <param name="Arousal">Per-frame arousal, [-1, 1] or -5; same length as <paramref name="Valence"/>.</param>
public sealed record VaAnnotation(float[] Valence, float[] Arousal)
{
    /// <summary>The value Aff-Wild2 writes for "not annotated".</summary>
    public const float Ignore = -5f;

    /// <summary>The header line of VA annotation and prediction files.</summary>
    public const string Header = "valence,arousal";

    /// <summary>Number of frames (data lines).</summary>
    public int FrameCount => Valence.Length;

    /// <summary>True when frame index <paramref name="i"/> (0-based) has both values annotated.</summary>
    public bool IsLabelled(int i) => Valence[i] != Ignore && Arousal[i] != Ignore;

    /// <summary>Number of frames with both values annotated.</summary>
    public int LabelledCount
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Valence.Length; i++)
                if (IsLabelled(i))
                    n++;
            return n;
        }
    }
}
