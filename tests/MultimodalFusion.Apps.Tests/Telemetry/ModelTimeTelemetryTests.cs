using MultimodalFusion.Apps.Telemetry;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Apps.Tests.Telemetry;

public sealed class ModelTimeTelemetryTests
{
    [Fact]
    public void Model_time_is_exported_in_seconds_per_camera_and_stage_and_stops_with_its_registration()
    {
        using var telemetry = new PipelineTelemetry();
        using var capture = new MeterCapture(telemetry.Meter);
        var registry = new MetricsRegistry(new ManualClock());
        var model = new ModelTimer(registry.GetOrAdd("gate/model"));
        var features = new ModelTimer(registry.GetOrAdd("gate/features"));
        model.Record(TimeSpan.FromMilliseconds(250));
        model.Record(TimeSpan.FromMilliseconds(500));
        features.Record(TimeSpan.FromMilliseconds(40));
        var registrations = new[]
        {
            telemetry.AddModelTime("gate/model", () => model.Total),
            telemetry.AddModelTime("gate/features", () => features.Total),
        };
        using var stages = telemetry.AddRegistry(registry);

        capture.Collect();
        Assert.Equal(0.75, capture.Value(MmfMeter.ModelTime, ("camera", "gate"), ("stage", "model"))!.Value, 9);
        Assert.Equal(0.04, capture.Value(MmfMeter.ModelTime, ("camera", "gate"), ("stage", "features"))!.Value, 9);
        // The same calls as a stage: two calls, latency quantiles in ms (max 500 ms exactly).
        Assert.Equal(2, capture.Value(MmfMeter.StageIn, ("camera", "gate"), ("stage", "model")));
        Assert.Equal(500, capture.Value(MmfMeter.StageLatency, ("camera", "gate"), ("stage", "model"), ("quantile", "1")));

        model.Record(TimeSpan.FromMilliseconds(250));
        capture.Collect();
        Assert.Equal(1.0, capture.Value(MmfMeter.ModelTime, ("camera", "gate"), ("stage", "model"))!.Value, 9);

        foreach (var registration in registrations)
            registration.Dispose();
        capture.Collect();
        Assert.Null(capture.Value(MmfMeter.ModelTime, ("camera", "gate")));
    }

    [Fact]
    public void A_timer_counts_calls_and_total_and_treats_a_negative_duration_as_zero()
    {
        var timer = new ModelTimer(new StageMetrics("cam/model", new ManualClock()));
        long started = ModelTimer.Start();
        Thread.Sleep(20);
        timer.Stop(started);
        timer.Record(TimeSpan.FromMilliseconds(-5));

        Assert.Equal(2, timer.Calls);
        Assert.Equal(2, timer.Stage.In);
        Assert.InRange(timer.Total, TimeSpan.FromMilliseconds(19), TimeSpan.FromSeconds(10));
        Assert.Equal(0, timer.Stage.Latency.Percentile(0));
    }
}
