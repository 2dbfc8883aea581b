namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>
/// One annotated video of a synthetic (or real) dataset as <c>mmf-train backbone</c> reads it: where its frames and
/// audio are, and its per-frame labels (index i = frame number i + 1; frame i is at <c>i / fps</c> seconds).
/// </summary>
/// <param name="Name">Video (annotation) name, e.g. emotion-0001.</param>
/// <param name="Split">Dataset split the annotation came from (Train_Set, Validation_Set, train, val).</param>
/// <param name="FramesDirectory">Folder of NNNNN.jpg frames (Aff-Wild2 cropped_aligned faces or DVD frames).</param>
/// <param name="AudioPath">16 kHz mono WAV beside the dataset, or null when there is none.</param>
/// <param name="Va">Valence/arousal per frame (interleaved v, a; -5 = ignored), or null.</param>
/// <param name="Expr">Expression class per frame (-1 = ignored), or null.</param>
/// <param name="Violence">Violent (1) / not (0) per frame (-1 = unlabelled), or null.</param>
internal sealed record LabelledVideo(string Name, string Split, string FramesDirectory, string? AudioPath,
    float[]? Va, int[]? Expr, int[]? Violence)
{
    /// <summary>Frames with labels (the longest label track).</summary>
    public int FrameCount => Math.Max(Va is null ? 0 : Va.Length / 2, Math.Max(Expr?.Length ?? 0, Violence?.Length ?? 0));
}
