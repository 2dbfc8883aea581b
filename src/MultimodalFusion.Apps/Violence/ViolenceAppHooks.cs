using MultimodalFusion.Alerts.Delivery;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Optional additions to a <see cref="ViolenceApp"/> beside what its options configure (a host's dashboard, a test probe).</summary>
/// <remarks>
/// <para><see cref="ExtraSinks"/> get an outbox row per event like the configured sinks (JSONL, webhook, MQTT) and a
/// dispatcher each, so they see every transition, in order, at least once (receivers dedupe by idempotency key). Their
/// names must differ from each other and from the configured sinks' names ("jsonl", "webhook", "mqtt"); a name is the
/// outbox key, so keep it stable across runs or the rows left for the old name are never delivered.
/// The app does not own them: the caller disposes them after disposing the app.</para>
/// <para><see cref="FrameScored"/> is given to every camera's <see cref="CameraScoringLoop"/>.</para>
/// </remarks>
public sealed class ViolenceAppHooks
{
    /// <summary>Sinks delivered through the outbox beside the configured ones (not owned by the app).</summary>
    public IReadOnlyList<IAlertSink> ExtraSinks { get; init; } = [];

    /// <summary>Per-frame callback after scoring (the frame is borrowed for the call only); null: none.</summary>
    public FrameScoredCallback? FrameScored { get; init; }
}
