namespace MultimodalFusion.Apps.Telemetry;

/// <summary>The names of the product's OpenTelemetry meter and of its instruments (System.Diagnostics.Metrics).</summary>
/// <remarks>
/// Names follow OpenTelemetry's dotted style; the Prometheus exporter turns dots into '_', appends the unit
/// (<c>ms</c> becomes <c>_milliseconds</c>; a unit in braces such as <c>{frame}</c> is dropped) and <c>_total</c> on
/// counters, e.g. <c>mmf.stage.in</c> is scraped as <c>mmf_stage_in_total</c>.
/// </remarks>
public static class MmfMeter
{
    /// <summary>The meter every instrument of the product lives on.</summary>
    public const string Name = "MultimodalFusion";

    /// <summary>Items received by a stage (frames scored, per camera): counter, tags camera + stage.</summary>
    public const string StageIn = "mmf.stage.in";

    /// <summary>Items passed on by a stage: counter, tags camera + stage.</summary>
    public const string StageOut = "mmf.stage.out";

    /// <summary>Items a stage or queue discarded: counter, tags camera + stage.</summary>
    public const string StageDropped = "mmf.stage.dropped";

    /// <summary>Items received per second over the stage's rate window (frames per second for a camera): gauge.</summary>
    public const string StageRate = "mmf.stage.rate";

    /// <summary>Stage latency in milliseconds at a quantile (tag quantile = 0.5, 0.95, 0.99, 1 for the maximum): gauge.</summary>
    public const string StageLatency = "mmf.stage.latency";

    /// <summary>Source restarts after failures: counter, tags camera + stage.</summary>
    public const string StageRestarts = "mmf.stage.restarts";

    /// <summary>Alert transitions: counter, tags camera + kind + state (start, update, end).</summary>
    public const string Alerts = "mmf.alerts";

    /// <summary>Outbox rows a sink has not acknowledged yet: gauge, tag sink.</summary>
    public const string SinkBacklog = "mmf.sink.backlog";

    /// <summary>Seconds a camera's models spent computing since start: counter, tags camera + stage (<c>model</c>: the fusion model, <c>features</c>: the per-frame extractor).</summary>
    public const string ModelTime = "mmf.model.time";

    /// <summary>The last score a camera's model gave (P(violent) for the violence profile): gauge, tag camera.</summary>
    public const string CameraScore = "mmf.camera.score";
}
