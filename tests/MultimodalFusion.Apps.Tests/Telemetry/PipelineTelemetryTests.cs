using System.Diagnostics.Metrics;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Apps.Telemetry;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Apps.Tests.Telemetry;

public sealed class PipelineTelemetryTests : IDisposable
{
    private readonly PipelineTelemetry _telemetry = new();
    private readonly MeterCapture _capture;

    public PipelineTelemetryTests() => _capture = new MeterCapture(_telemetry.Meter);

    public void Dispose()
    {
        _capture.Dispose();
        _telemetry.Dispose();
    }

    [Fact]
    public void Stage_counters_rate_and_latency_quantiles_come_from_the_registry_snapshots_with_camera_and_stage_tags()
    {
        var clock = new ManualClock(1_000_000);
        var registry = new MetricsRegistry(clock);
        var scored = registry.GetOrAdd("gate/scored");
        for (int i = 0; i < 10; i++)
        {
            scored.RecordIn();
            scored.RecordLatency(1_000 * (i + 1)); // 1 .. 10 ms
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        registry.GetOrAdd("gate/queue").RecordDropped(3);
        registry.GetOrAdd("aligner").RecordIn();
        using var registration = _telemetry.AddRegistry(registry);

        _capture.Collect();

        Assert.Equal(10, _capture.Value(MmfMeter.StageIn, ("camera", "gate"), ("stage", "scored")));
        Assert.Equal(3, _capture.Value(MmfMeter.StageDropped, ("camera", "gate"), ("stage", "queue")));
        Assert.Equal(1, _capture.Value(MmfMeter.StageIn, ("stage", "aligner")));
        Assert.Null(_capture.Tag(MmfMeter.StageIn, "camera", ("stage", "aligner")));
        Assert.Equal(10.0, _capture.Value(MmfMeter.StageRate, ("stage", "scored"))!.Value, 1); // 10 frames in 1 s of clock
        Assert.Equal(10.0, _capture.Value(MmfMeter.StageLatency, ("stage", "scored"), ("quantile", "1"))!.Value, 3);
        Assert.InRange(_capture.Value(MmfMeter.StageLatency, ("stage", "scored"), ("quantile", "0.5"))!.Value, 4.8, 5.2);
        Assert.Null(_capture.Value(MmfMeter.StageLatency, ("stage", "queue"), ("quantile", "0.5"))); // no latency samples, no series
    }

    [Fact]
    public void A_removed_registry_or_backlog_is_no_longer_exported_and_a_failing_backlog_read_is_skipped()
    {
        var registry = new MetricsRegistry(new ManualClock());
        registry.GetOrAdd("cam/scored").RecordIn();
        long pending = 4;
        var reg = _telemetry.AddRegistry(registry);
        var backlog = _telemetry.AddBacklog("webhook", () => pending);
        using var broken = _telemetry.AddBacklog("mqtt", () => throw new ObjectDisposedException("store"));

        _capture.Collect();
        Assert.Equal(4, _capture.Value(MmfMeter.SinkBacklog, ("sink", "webhook")));
        Assert.Null(_capture.Value(MmfMeter.SinkBacklog, ("sink", "mqtt")));
        Assert.Equal(1, _capture.Value(MmfMeter.StageIn, ("camera", "cam")));

        reg.Dispose();
        backlog.Dispose();
        _capture.Collect();
        Assert.Null(_capture.Value(MmfMeter.SinkBacklog, ("sink", "webhook")));
        Assert.Null(_capture.Value(MmfMeter.StageIn, ("camera", "cam")));
    }

    [Fact]
    public async Task The_alert_sink_counts_each_transition_by_camera_kind_and_state()
    {
        var sink = new TelemetryAlertSink(_telemetry);
        await sink.DeliverAsync(Event("gate", AlertState.Start), "{}", CancellationToken.None);
        await sink.DeliverAsync(Event("gate", AlertState.Update), "{}", CancellationToken.None);
        await sink.DeliverAsync(Event("gate", AlertState.End), "{}", CancellationToken.None);
        await sink.DeliverAsync(Event("yard", AlertState.Start), "{}", CancellationToken.None);

        Assert.Equal("telemetry", sink.Name);
        Assert.Equal(4, sink.Counted);
        Assert.Equal(1, _capture.Sum(MmfMeter.Alerts, ("camera", "gate"), ("state", "start")));
        Assert.Equal(1, _capture.Sum(MmfMeter.Alerts, ("camera", "gate"), ("state", "end")));
        Assert.Equal(2, _capture.Sum(MmfMeter.Alerts, ("state", "start"), ("kind", "violence")));
        Assert.Equal(4, _capture.Sum(MmfMeter.Alerts));
    }

    [Fact]
    public void The_frame_recorder_counts_frames_per_camera_with_capture_to_score_latency_and_keeps_the_last_score()
    {
        var clock = new ManualClock(5_000_000);
        var recorder = new FrameScoreRecorder(new MetricsRegistry(clock), _telemetry);
        using var registration = _telemetry.AddRegistry(recorder.Registry);
        var pool = new BufferPool<byte>();
        for (int i = 0; i < 4; i++)
        {
            using var frame = new VideoFrame(pool.Rent(4 * 4 * 3), 4, 4, PixelFormat.Bgr24, "gate", i, clock.NowMicros - 20_000, null);
            recorder.OnFrameScored("gate", frame, 0.25f * i);
        }
        using (var last = new VideoFrame(pool.Rent(4 * 4 * 3), 4, 4, PixelFormat.Bgr24, "gate", 9, clock.NowMicros, null))
            recorder.OnFrameScored("gate", last, float.NaN);

        var snapshot = recorder.For("gate").Snapshot();
        Assert.Equal(5, snapshot.In);
        Assert.Equal(20_000, snapshot.LatencyMaxMicros);
        Assert.Equal(0, pool.Outstanding); // the recorder keeps no reference to a frame
        _capture.Collect();
        Assert.Equal(0.75, _capture.Value(MmfMeter.CameraScore, ("camera", "gate"))); // NaN does not replace the last score
        Assert.Equal(5, _capture.Value(MmfMeter.StageIn, ("camera", "gate"), ("stage", FrameScoreRecorder.StageName)));
    }

    private static AlertEvent Event(string camera, AlertState state) =>
        new("evt_1", camera, "violence", state, DateTimeOffset.UnixEpoch, null, 0.9, new Dictionary<string, double>(), null, null,
            AlertEvent.KeyFor(camera, "evt_1", state, 1));
}
