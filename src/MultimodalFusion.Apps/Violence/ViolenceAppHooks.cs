using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Optional additions to a <see cref="ViolenceApp"/> beside what its options configure (a host's dashboard, a test probe).</summary>
/// <remarks>
/// <para><see cref="ExtraSinks"/> get an outbox row per event like the configured sinks (JSONL, webhook, MQTT) and a
/// dispatcher each, so they see every transition, in order, at least once (receivers dedupe by idempotency key). Their
/// names must differ from each other and from the configured sinks' names ("jsonl", "webhook", "mqtt"); a name is the
/// outbox key, so keep it stable across runs or the rows left for the old name are never delivered.
/// The app does not own them: the caller disposes them after disposing the app.</para>
/// <para><see cref="FrameScored"/> is given to every camera's <see cref="CameraScoringLoop"/>.</para>
/// <para><see cref="Metrics"/>: the registry the app counts each camera's source (<c>{camera}/source</c>: frames,
/// drops, restarts, gaps), feature time (<c>{camera}/features</c>) and model time (<c>{camera}/model</c>) in, e.g. the
/// one a host exports; null: a registry of the app's own (<see cref="ViolenceApp.Metrics"/>).</para>
/// <para><see cref="LiveRestartPolicy"/>: how a live camera (RTSP/HTTP stream, camera device) is reconnected; files
/// are never restarted.</para>
/// </remarks>
public sealed class ViolenceAppHooks
{
    /// <summary>Sinks delivered through the outbox beside the configured ones (not owned by the app).</summary>
    public IReadOnlyList<IAlertSink> ExtraSinks { get; init; } = [];

    /// <summary>Per-frame callback after scoring (the frame is borrowed for the call only); null: none.</summary>
    public FrameScoredCallback? FrameScored { get; init; }

    /// <summary>Where the cameras' source, feature and model metrics go; null: the app's own registry.</summary>
    public MetricsRegistry? Metrics { get; init; }

    /// <summary>The reconnect policy of live cameras, over the options' <c>Reconnect</c> section; null: that section (default 0.5 s doubling to 10 s, with jitter, unlimited).</summary>
    public RestartPolicy? LiveRestartPolicy { get; init; }
}
