using MultimodalFusion.Core.Packets;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Apps.Telemetry;

/// <summary>Counts each camera's scored frames in a <see cref="MetricsRegistry"/> (stage <c>{camera}/scored</c>) and keeps its last score.</summary>
/// <remarks>
/// <para>Meant as the per-frame callback of the violence loops (<c>ViolenceAppHooks.FrameScored</c>): per frame one
/// <see cref="StageMetrics.RecordIn"/> (so the stage's rate is the camera's scored fps) and one latency sample, from the
/// frame's capture stamp to the moment its score reached the rule, in microseconds on the registry's clock (the
/// pipeline clock the sources stamp with). That latency includes the wait for the next Hop. The registry is then
/// exported by <see cref="PipelineTelemetry"/>; nothing is counted twice.</para>
/// <para>Thread-safe (one call per camera loop at a time, cameras in parallel). Allocation-free after a camera's first
/// frame. Keeps nothing of the frame.</para>
/// </remarks>
public sealed class FrameScoreRecorder(MetricsRegistry registry, PipelineTelemetry? telemetry = null)
{
    /// <summary>The stage name under a camera: <c>{camera}/scored</c>.</summary>
    public const string StageName = "scored";

    private readonly MetricsRegistry _registry = registry ?? throw new ArgumentNullException(nameof(registry));
    private readonly Dictionary<string, StageMetrics> _byCamera = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The registry the frames are counted in.</summary>
    public MetricsRegistry Registry => _registry;

    /// <summary>The metrics of <paramref name="camera"/>'s scored frames.</summary>
    public StageMetrics For(string camera)
    {
        lock (_lock)
        {
            if (!_byCamera.TryGetValue(camera, out var metrics))
                _byCamera[camera] = metrics = _registry.GetOrAdd($"{camera}/{StageName}");
            return metrics;
        }
    }

    /// <summary>Records one scored frame of <paramref name="camera"/> (the frame is only read, not kept).</summary>
    public void OnFrameScored(string camera, VideoFrame frame, float score)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var metrics = For(camera);
        metrics.RecordIn();
        metrics.RecordOut();
        metrics.RecordLatency(_registry.Clock.NowMicros - frame.CaptureMicros);
        telemetry?.SetScore(camera, score);
    }
}
