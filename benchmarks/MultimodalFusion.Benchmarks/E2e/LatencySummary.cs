namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>Exact percentiles of a set of durations in microseconds (nearest rank), printed in milliseconds.</summary>
public sealed class LatencySummary
{
    private readonly long[] _sorted;

    /// <summary>Sorts a copy of <paramref name="micros"/>.</summary>
    public LatencySummary(IEnumerable<long> micros)
    {
        _sorted = micros.ToArray();
        Array.Sort(_sorted);
    }

    /// <summary>Number of values.</summary>
    public int Count => _sorted.Length;

    /// <summary>The value at <paramref name="percentile"/> (0-100) by nearest rank; 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        if (_sorted.Length == 0)
            return 0;
        int rank = (int)Math.Ceiling(percentile / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    /// <summary>The largest value; 0 when empty.</summary>
    public long Max => _sorted.Length == 0 ? 0 : _sorted[^1];

    /// <summary>The mean; 0 when empty.</summary>
    public double Mean => _sorted.Length == 0 ? 0 : _sorted.Average();

    /// <summary>One table row: label, p50, p95, p99, max and mean in milliseconds.</summary>
    public string Row(string label) =>
        $"| {label} | {Ms(Percentile(50))} | {Ms(Percentile(95))} | {Ms(Percentile(99))} | {Ms(Max)} | {Mean / 1000:F2} |";

    /// <summary>The header matching <see cref="Row"/>.</summary>
    public const string Header = "| stage | p50 ms | p95 ms | p99 ms | max ms | mean ms |\n|---|---:|---:|---:|---:|---:|";

    private static string Ms(long micros) => (micros / 1000.0).ToString("F2");
}
