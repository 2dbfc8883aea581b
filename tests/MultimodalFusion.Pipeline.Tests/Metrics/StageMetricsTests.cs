using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Tests.Metrics;

public sealed class StageMetricsTests
{
    private readonly ManualClock _clock = new(1_000_000);

    [Fact]
    public void Rate_is_events_per_second_over_the_sliding_window()
    {
        var metrics = new StageMetrics("cam", _clock, TimeSpan.FromSeconds(2));
        for (int i = 0; i < 100; i++)
        {
            metrics.RecordIn();
            _clock.AdvanceMicros(100_000);
        }
        Assert.InRange(metrics.Rate.PerSecond, 9.5, 10.5);

        // The stream stops: after one more window nothing is left in it.
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(0, metrics.Rate.PerSecond);
    }

    [Fact]
    public void Rate_follows_a_change_of_speed_within_one_window()
    {
        var meter = new RateMeter(_clock, TimeSpan.FromSeconds(1));
        for (int i = 0; i < 50; i++) { meter.Mark(); _clock.AdvanceMicros(100_000); }
        for (int i = 0; i < 100; i++) { meter.Mark(); _clock.AdvanceMicros(25_000); }
        Assert.InRange(meter.PerSecond, 36, 44);
    }

    [Fact]
    public void A_gap_runs_from_a_failure_to_the_next_packet()
    {
        var metrics = new StageMetrics("rtsp-gate", _clock);
        metrics.RecordIn();
        metrics.MarkFailure("rtsp://admin:hunter2@10.0.0.7/stream1: connection refused");
        _clock.Advance(TimeSpan.FromSeconds(1));
        metrics.MarkFailure("again"); // a second failure inside the same outage does not restart the gap
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromSeconds(2.5), metrics.Snapshot().OpenGap);

        metrics.RecordIn();
        metrics.MarkFailure("down");
        _clock.Advance(TimeSpan.FromSeconds(1));
        metrics.RecordIn();
        metrics.RecordIn();

        MetricsSnapshot snapshot = metrics.Snapshot();
        Assert.Equal(2, snapshot.Gaps);
        Assert.Equal(TimeSpan.FromSeconds(2.5), snapshot.LongestGap);
        Assert.Equal(TimeSpan.FromSeconds(3.5), snapshot.TotalGap);
        Assert.Null(snapshot.OpenGap);
        Assert.Equal(4, snapshot.In);
        Assert.Equal("down", snapshot.LastError);
    }

    [Fact]
    public void Errors_are_stored_redacted()
    {
        var metrics = new StageMetrics("rtsp-gate", _clock);
        metrics.MarkFailure("rtsp://admin:hunter2@10.0.0.7/stream1 timed out");
        Assert.DoesNotContain("hunter2", metrics.LastError);
        Assert.Contains("10.0.0.7", metrics.LastError);
        Assert.DoesNotContain("hunter2", metrics.Snapshot().ToString());
    }

    [Fact]
    public void Snapshot_prints_counts_latency_and_restarts()
    {
        var metrics = new StageMetrics("faces", _clock);
        for (int i = 0; i < 10; i++)
        {
            metrics.RecordIn();
            metrics.RecordOut();
            metrics.RecordLatency(2_000);
        }
        metrics.RecordDropped(3);
        metrics.RecordRestart();
        string line = metrics.Snapshot().ToString();
        Assert.Contains("faces: in=10 out=10 dropped=3", line);
        Assert.Contains("p50=2.0", line);
        Assert.Contains("restarts=1", line);
    }

    [Fact]
    public async Task Counters_are_exact_under_concurrency()
    {
        var metrics = new StageMetrics("busy", MonotonicClock.Instance);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 25_000; i++)
            {
                metrics.RecordIn();
                metrics.RecordOut();
                metrics.RecordDropped();
            }
        })));
        Assert.Equal(100_000, metrics.In);
        Assert.Equal(100_000, metrics.Out);
        Assert.Equal(100_000, metrics.Dropped);
    }

    [Fact]
    public void Registry_returns_one_instance_per_name_and_snapshots_in_name_order()
    {
        var registry = new MetricsRegistry(_clock);
        StageMetrics b = registry.GetOrAdd("b-stage");
        StageMetrics a = registry.GetOrAdd("a-source");
        Assert.Same(b, registry.GetOrAdd("b-stage"));
        Assert.True(registry.TryGet("a-source", out var found));
        Assert.Same(a, found);
        Assert.False(registry.TryGet("missing", out _));
        a.RecordIn();
        Assert.Equal(["a-source", "b-stage"], registry.Snapshot().Select(s => s.Name));
        Assert.Equal(1, registry.Snapshot()[0].In);
    }
}
