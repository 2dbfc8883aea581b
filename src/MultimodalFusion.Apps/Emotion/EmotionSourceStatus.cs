using MultimodalFusion.Capture;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>How one source of an emotion run ended.</summary>
/// <param name="Id">Stream id used in logs and metrics (never a URL with credentials).</param>
/// <param name="Spec">The source as named.</param>
/// <param name="State">The supervisor's final state.</param>
/// <param name="Restarts">Restarts made.</param>
/// <param name="Error">Why it failed; null unless <see cref="Failed"/>.</param>
public sealed record EmotionSourceStatus(string Id, SourceSpec Spec, SourceState State, int Restarts, Exception? Error)
{
    /// <summary>True when the source failed for good (could not open, non-transient error, restarts used up).</summary>
    public bool Failed => State == SourceState.Failed;

    /// <summary>One line: id, what it reads (credentials redacted), final state, restarts and the error when it failed.</summary>
    public override string ToString()
    {
        string line = $"{Id} ({Spec.Display}): {State}";
        if (Restarts > 0)
            line += $", {Restarts} restarts";
        if (Failed && Error is not null)
            line += $" - {CredentialRedactor.Redact(Error.Message)}";
        return line;
    }
}
