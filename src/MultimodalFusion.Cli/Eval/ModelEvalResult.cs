namespace MultimodalFusion.Cli.Eval;

/// <summary>What one <see cref="ModelEvaluator"/> run did and scored.</summary>
/// <param name="Report">The official metrics over the written prediction files (the same report as <c>--pred</c>).</param>
/// <param name="ModelPath">The fusion model used.</param>
/// <param name="PredictionDirectory">Where the prediction files were written (deleted after the run when <paramref name="PredictionsKept"/> is false).</param>
/// <param name="PredictionsKept">True when the files stay (<c>--pred-out</c> was given).</param>
/// <param name="Videos">Videos predicted.</param>
/// <param name="Windows">Windows run through the model.</param>
/// <param name="Streams">The model's streams, in input order.</param>
/// <param name="Dropped">The streams masked out at test time.</param>
/// <param name="FrameHead">The per-frame output used, or null when frames took window outputs.</param>
public sealed record ModelEvalResult(
    EvalReport Report, string ModelPath, string PredictionDirectory, bool PredictionsKept, int Videos, int Windows,
    IReadOnlyList<string> Streams, IReadOnlyList<string> Dropped, string? FrameHead);
