namespace MultimodalFusion.Pipeline.Metrics;

/// <summary>A lock-free, allocation-free histogram of latencies in microseconds with log-linear buckets.</summary>
/// <remarks>
/// Values below 32 us get a bucket each; above that every power of two is split into 32 linear
/// sub-buckets, so a percentile is exact to within 1/32 (about 3 %) of its value. Values up to
/// 2^40 us (about 12.7 days) are resolved; larger ones land in the last bucket. <see cref="Max"/>
/// is exact. <see cref="Record"/> is thread-safe and allocates nothing; readers see a consistent
/// enough view for monitoring (counts are read one bucket at a time).
/// </remarks>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxExponent = 40;
    private const int BucketCount = SubBuckets + (MaxExponent - SubBucketBits + 1) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _max = long.MinValue;

    /// <summary>Values recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Largest value recorded, or 0 when empty.</summary>
    public long Max => Count == 0 ? 0 : Interlocked.Read(ref _max);

    /// <summary>Mean of the values recorded, or 0 when empty.</summary>
    public double Mean => Count == 0 ? 0 : Interlocked.Read(ref _sum) / (double)Count;

    /// <summary>Adds one latency in microseconds; negative values count as 0.</summary>
    public void Record(long micros)
    {
        if (micros < 0)
            micros = 0;
        Interlocked.Increment(ref _counts[BucketOf(micros)]);
        Interlocked.Add(ref _sum, micros);
        Interlocked.Increment(ref _count);
        long seen = Interlocked.Read(ref _max);
        while (micros > seen)
        {
            long previous = Interlocked.CompareExchange(ref _max, micros, seen);
            if (previous == seen)
                break;
            seen = previous;
        }
    }

    /// <summary>The value below which <paramref name="percentile"/> % of the recordings fall (upper bucket bound, capped at <see cref="Max"/>); 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        long total = 0;
        for (int i = 0; i < BucketCount; i++)
            total += Interlocked.Read(ref _counts[i]);
        if (total == 0)
            return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long cumulative = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            if (cumulative >= rank)
                return i == BucketCount - 1 ? Max : Math.Min(UpperBound(i), Max);
        }
        return Max;
    }

    /// <summary>Forgets every value.</summary>
    public void Reset()
    {
        for (int i = 0; i < BucketCount; i++)
            Interlocked.Exchange(ref _counts[i], 0);
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _sum, 0);
        Interlocked.Exchange(ref _max, long.MinValue);
    }

    internal static int BucketOf(long value)
    {
        if (value < SubBuckets)
            return (int)value;
        int exponent = 63 - (int)long.LeadingZeroCount(value);
        if (exponent > MaxExponent)
            return BucketCount - 1;
        int sub = (int)((value >> (exponent - SubBucketBits)) & (SubBuckets - 1));
        return SubBuckets + (exponent - SubBucketBits) * SubBuckets + sub;
    }

    /// <summary>The largest value that falls into bucket <paramref name="index"/>.</summary>
    internal static long UpperBound(int index)
    {
        if (index < SubBuckets)
            return index;
        int exponent = (index - SubBuckets) / SubBuckets + SubBucketBits;
        int sub = (index - SubBuckets) % SubBuckets;
        long width = 1L << (exponent - SubBucketBits);
        return (1L << exponent) + (sub + 1) * width - 1;
    }
}
