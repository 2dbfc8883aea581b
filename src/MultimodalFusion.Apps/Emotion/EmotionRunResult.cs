namespace MultimodalFusion.Apps.Emotion;

/// <summary>How an emotion run ended: the session summary, every source's end state, the files written.</summary>
/// <param name="Summary">Every reading of the run, time per expression and VA statistics.</param>
/// <param name="Sources">Each source's final state, in the order given.</param>
/// <param name="Models">One line per model used.</param>
/// <param name="WindowsEmitted">Windows the aligner emitted (each fused into one reading unless the run failed).</param>
/// <param name="Interrupted">True when cancellation or the duration limit stopped the run before the input ended.</param>
/// <param name="Error">Why the pipeline itself failed (a stage fault); null otherwise. Source failures are in <paramref name="Sources"/>.</param>
/// <param name="ReadingsFile">The per-window JSONL/CSV file, when written.</param>
/// <param name="SummaryFile">The text summary, when written.</param>
/// <param name="PlotFile">The trajectory PNG, when written (needs at least one reading).</param>
/// <param name="FramesExamined">Video frames searched for a face (each at most once).</param>
/// <param name="FramesWithoutFace">Of those, frames in which no face was found.</param>
public sealed record EmotionRunResult(
    EmotionSessionSummary Summary,
    IReadOnlyList<EmotionSourceStatus> Sources,
    IReadOnlyList<string> Models,
    long WindowsEmitted,
    bool Interrupted,
    string? Error,
    string? ReadingsFile,
    string? SummaryFile,
    string? PlotFile,
    long FramesExamined,
    long FramesWithoutFace)
{
    /// <summary>True when no stage failed and no source failed for good.</summary>
    public bool Succeeded => Error is null && !Sources.Any(s => s.Failed);
}
