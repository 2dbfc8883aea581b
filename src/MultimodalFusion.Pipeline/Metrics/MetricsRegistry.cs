using System.Collections.Concurrent;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Pipeline.Metrics;

/// <summary>The metrics of every stage, channel and source of a pipeline, by name.</summary>
/// <remarks>Thread-safe. Names are case-sensitive; one name always maps to the same <see cref="StageMetrics"/>.</remarks>
public sealed class MetricsRegistry
{
    private readonly ConcurrentDictionary<string, StageMetrics> _byName = new(StringComparer.Ordinal);
    private readonly TimeSpan? _rateWindow;

    /// <summary>A registry whose metrics are timed on <paramref name="clock"/> (default: <see cref="MonotonicClock.Instance"/>).</summary>
    public MetricsRegistry(IClock? clock = null, TimeSpan? rateWindow = null)
    {
        Clock = clock ?? MonotonicClock.Instance;
        _rateWindow = rateWindow;
    }

    /// <summary>The clock shared by all metrics of this registry.</summary>
    public IClock Clock { get; }

    /// <summary>Names registered so far.</summary>
    public int Count => _byName.Count;

    /// <summary>The metrics named <paramref name="name"/>, created on first use.</summary>
    public StageMetrics GetOrAdd(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _byName.GetOrAdd(name, static (n, self) => new StageMetrics(n, self.Clock, self._rateWindow), this);
    }

    /// <summary>The metrics named <paramref name="name"/>, if registered.</summary>
    public bool TryGet(string name, out StageMetrics? metrics) => _byName.TryGetValue(name, out metrics);

    /// <summary>Snapshots of every registered entry, ordered by name.</summary>
    public IReadOnlyList<MetricsSnapshot> Snapshot() =>
        _byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => m.Snapshot()).ToList();
}
