using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Apps.Telemetry;

/// <summary>
/// The product's OpenTelemetry instruments on the <see cref="MmfMeter.Name"/> meter: a bridge that reads the pipeline's
/// <see cref="MetricsRegistry"/> snapshots when a reader collects, plus the alert counter, the sink backlog and the
/// last score per camera.
/// </summary>
/// <remarks>
/// <para>The pipeline counts once, in its <see cref="StageMetrics"/>; this class only observes them (observable
/// counters and gauges), so nothing is instrumented twice and an unscraped process pays nothing. A stage named
/// <c>camera/stage</c> is exported with the tags <c>camera</c> and <c>stage</c>; a name without '/' gets <c>stage</c>
/// only. Latency is exported as the registry's own percentiles (quantile tag 0.5 / 0.95 / 0.99 / 1 = max, in ms),
/// the shape of a Prometheus summary: System.Diagnostics.Metrics has no observable histogram, and a bucketed one
/// would need every sample recorded a second time.</para>
/// <para>Thread-safe: registrations may come and go while an exporter collects. Owns its <see cref="Meter"/>
/// (disposing this disposes it) unless the meter came from an <see cref="IMeterFactory"/>, which owns it then.</para>
/// </remarks>
public sealed class PipelineTelemetry : IDisposable
{
    private static readonly (string Tag, double Quantile)[] s_quantiles = [("0.5", 50), ("0.95", 95), ("0.99", 99), ("1", 100)];

    private readonly bool _ownsMeter;
    private readonly Lock _lock = new();
    private readonly List<MetricsRegistry> _registries = [];
    private readonly List<(string Sink, Func<long> Pending)> _backlogs = [];
    private readonly List<(string Stage, Func<TimeSpan> Total)> _modelTimes = [];
    private readonly ConcurrentDictionary<string, double> _scores = new(StringComparer.Ordinal);
    private readonly Counter<long> _alerts;

    /// <summary>Instruments on a meter from <paramref name="meterFactory"/> (the host's), or on a new meter of its own when null.</summary>
    public PipelineTelemetry(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MmfMeter.Name) ?? new Meter(MmfMeter.Name);
        Meter.CreateObservableCounter(MmfMeter.StageIn, () => Observe(s => s.In), "{item}", "Items received by a stage (a camera's frames scored).");
        Meter.CreateObservableCounter(MmfMeter.StageOut, () => Observe(s => s.Out), "{item}", "Items a stage passed on.");
        Meter.CreateObservableCounter(MmfMeter.StageDropped, () => Observe(s => s.Dropped), "{item}", "Items a stage or queue discarded.");
        Meter.CreateObservableCounter(MmfMeter.StageRestarts, () => Observe(s => s.Restarts), "{restart}", "Source restarts after a failure.");
        Meter.CreateObservableGauge(MmfMeter.StageRate, () => Observe(s => s.RatePerSecond), "{item}/s", "Items received per second (a camera's fps).");
        Meter.CreateObservableGauge(MmfMeter.StageLatency, ObserveLatency, "ms", "Stage latency at a quantile (1 = max).");
        Meter.CreateObservableGauge(MmfMeter.SinkBacklog, ObserveBacklogs, "{row}", "Outbox rows a sink has not acknowledged yet.");
        Meter.CreateObservableCounter(MmfMeter.ModelTime, ObserveModelTimes, "s", "Seconds a camera's model spent computing (stage model: fusion, features: extractor).");
        Meter.CreateObservableGauge(MmfMeter.CameraScore, ObserveScores, null, "The last score of a camera's model.");
        _alerts = Meter.CreateCounter<long>(MmfMeter.Alerts, "{transition}", "Alert transitions by camera, kind and state.");
    }

    /// <summary>The meter of every instrument here.</summary>
    public Meter Meter { get; }

    /// <summary>Exports every stage of <paramref name="registry"/> until the returned handle is disposed.</summary>
    public IDisposable AddRegistry(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        lock (_lock)
            _registries.Add(registry);
        return new Registration(() => { lock (_lock) _registries.Remove(registry); });
    }

    /// <summary>Exports <paramref name="pending"/> (called at each collection, e.g. the store's pending outbox rows) as sink <paramref name="sink"/>'s backlog until the handle is disposed.</summary>
    public IDisposable AddBacklog(string sink, Func<long> pending)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sink);
        ArgumentNullException.ThrowIfNull(pending);
        var entry = (sink, pending);
        lock (_lock)
            _backlogs.Add(entry);
        return new Registration(() => { lock (_lock) _backlogs.Remove(entry); });
    }

    /// <summary>
    /// Exports <paramref name="total"/> (read at each collection; it must only grow) as the model time of
    /// <paramref name="stage"/> (<c>camera/stage</c>, tagged like the registry's stages) until the handle is disposed.
    /// </summary>
    public IDisposable AddModelTime(string stage, Func<TimeSpan> total)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        ArgumentNullException.ThrowIfNull(total);
        var entry = (stage, total);
        lock (_lock)
            _modelTimes.Add(entry);
        return new Registration(() => { lock (_lock) _modelTimes.Remove(entry); });
    }

    /// <summary>Counts one alert transition (tags: its camera, kind and state).</summary>
    public void RecordAlert(AlertEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        _alerts.Add(1, new KeyValuePair<string, object?>("camera", evt.Camera), new KeyValuePair<string, object?>("kind", evt.Kind),
            new KeyValuePair<string, object?>("state", evt.State.ToString().ToLowerInvariant()));
    }

    /// <summary>Remembers <paramref name="score"/> as <paramref name="camera"/>'s last score (NaN is ignored).</summary>
    public void SetScore(string camera, double score)
    {
        if (!double.IsNaN(score))
            _scores[camera] = score;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
            Meter.Dispose();
    }

    private List<MetricsSnapshot> Snapshots()
    {
        MetricsRegistry[] registries;
        lock (_lock)
            registries = [.. _registries];
        return registries.SelectMany(r => r.Snapshot()).ToList();
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<MetricsSnapshot, T> value) where T : struct =>
        Snapshots().Select(s => new Measurement<T>(value(s), StageTags(s.Name)));

    private IEnumerable<Measurement<double>> ObserveLatency()
    {
        foreach (var s in Snapshots())
        {
            if (s.LatencyCount == 0)
                continue;
            long[] micros = [s.LatencyP50Micros, s.LatencyP95Micros, s.LatencyP99Micros, s.LatencyMaxMicros];
            for (int i = 0; i < s_quantiles.Length; i++)
                yield return new Measurement<double>(micros[i] / 1000.0, [.. StageTags(s.Name), new("quantile", s_quantiles[i].Tag)]);
        }
    }

    private IEnumerable<Measurement<long>> ObserveBacklogs()
    {
        (string Sink, Func<long> Pending)[] backlogs;
        lock (_lock)
            backlogs = [.. _backlogs];
        foreach (var (sink, pending) in backlogs)
        {
            long value;
            try
            {
                value = pending();
            }
            catch (Exception)
            {
                // The store closed (or failed) between the copy of the list and this read: one gauge missing from
                // one scrape is better than a failed scrape; the store logs its own failures.
                continue;
            }
            yield return new Measurement<long>(value, new KeyValuePair<string, object?>("sink", sink));
        }
    }

    private List<Measurement<double>> ObserveModelTimes()
    {
        (string Stage, Func<TimeSpan> Total)[] entries;
        lock (_lock)
            entries = [.. _modelTimes];
        return entries.Select(e => new Measurement<double>(e.Total().TotalSeconds, StageTags(e.Stage))).ToList();
    }

    private IEnumerable<Measurement<double>> ObserveScores() =>
        _scores.Select(kv => new Measurement<double>(kv.Value, new KeyValuePair<string, object?>("camera", kv.Key)));

    /// <summary>"camera/stage" -> camera + stage tags; "stage" -> stage.</summary>
    internal static KeyValuePair<string, object?>[] StageTags(string name)
    {
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0
            ? [new("stage", name)]
            : [new("camera", name[..slash]), new("stage", name[(slash + 1)..])];
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
