using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Tests.Metrics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Empty_histogram_reports_zeros()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Percentile(99));
        Assert.Equal(0, histogram.Max);
    }

    [Fact]
    public void Percentiles_of_a_uniform_range_are_within_the_bucket_resolution()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++)
            histogram.Record(v);

        Assert.Equal(100_000, histogram.Count);
        Assert.Equal(100_000, histogram.Max);
        Assert.Equal(50_000.5, histogram.Mean, 3);
        foreach (var (p, exact) in new[] { (50.0, 50_000L), (95.0, 95_000L), (99.0, 99_000L) })
        {
            long value = histogram.Percentile(p);
            Assert.InRange(value, exact, exact + exact / 32 + 1);
        }
        Assert.Equal(100_000, histogram.Percentile(100));
    }

    [Fact]
    public void Small_values_are_exact_and_negative_values_count_as_zero()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(3);
        histogram.Record(7);
        Assert.Equal(0, histogram.Percentile(1));
        Assert.Equal(3, histogram.Percentile(50));
        Assert.Equal(7, histogram.Percentile(100));
    }

    [Theory]
    [InlineData(31L)]
    [InlineData(32L)]
    [InlineData(1_000L)]
    [InlineData(123_456_789L)]
    [InlineData(1L << 40)]
    public void Every_value_lies_inside_its_bucket(long value)
    {
        int bucket = LatencyHistogram.BucketOf(value);
        Assert.True(LatencyHistogram.UpperBound(bucket) >= value);
        Assert.True(bucket == 0 || LatencyHistogram.UpperBound(bucket - 1) < value);
    }

    [Fact]
    public void Huge_values_keep_an_exact_max()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(long.MaxValue / 2);
        Assert.Equal(long.MaxValue / 2, histogram.Max);
        Assert.Equal(long.MaxValue / 2, histogram.Percentile(50));
    }

    [Fact]
    public void Record_allocates_nothing()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long v = 0; v < 100_000; v++)
            histogram.Record(v * 37);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public async Task Concurrent_records_are_all_counted()
    {
        var histogram = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 50_000; i++)
                histogram.Record(i + t);
        })));
        Assert.Equal(200_000, histogram.Count);
        Assert.Equal(50_002, histogram.Max);
    }
}
