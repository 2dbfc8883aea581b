namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>
/// The expression labels of one Aff-Wild2 EXPR file: entry <c>i</c> belongs to frame <c>i + 1</c>;
/// values 0..7 are <see cref="ExpressionClass"/>, <see cref="Ignore"/> (-1) marks an unannotated frame.
/// </summary>
/// <param name="Labels">Per-frame class index or -1. Owned by this record.</param>
public sealed record ExprAnnotation(int[] Labels)
{
    /// <summary>The value Aff-Wild2 writes for "not annotated".</summary>
    public const int Ignore = -1;

    /// <summary>The class names in class-index order, as in the header line.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["Neutral", "Anger", "Disgust", "Fear", "Happiness", "Sadness", "Surprise", "Other"];

    /// <summary>The header line of EXPR annotation and prediction files.</summary>
    public static string Header { get; } = string.Join(',', ClassNames);

    /// <summary>Number of frames (data lines).</summary>
    public int FrameCount => Labels.Length;

    /// <summary>True when frame index <paramref name="i"/> (0-based) has a class.</summary>
    public bool IsLabelled(int i) => Labels[i] != Ignore;
}
