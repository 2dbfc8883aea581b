using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Core.Tests.Time;

public sealed class MicrosTests
{
    [Theory]
    [InlineData(16_000)]
    [InlineData(44_100)]
    [InlineData(48_000)]
    [InlineData(8_000)]
    public void Whole_seconds_of_samples_are_exact_over_a_billion_samples(int rateHz)
    {
        for (long seconds = 0; seconds * rateHz <= 1_000_000_000; seconds += 997)
            Assert.Equal(seconds * Micros.PerSecond, Micros.FromSamples(seconds * rateHz, rateHz));
        long lastWhole = 1_000_000_000 / rateHz;
        Assert.Equal(lastWhole * Micros.PerSecond, Micros.FromSamples(lastWhole * rateHz, rateHz));
    }

    [Fact]
    public void A_billion_samples_at_44_1_kHz_is_the_floor_of_the_exact_time()
    {
        // 1e9 * 1e6 / 44100 = 22,675,736,961.45... us
        Assert.Equal(22_675_736_961L, Micros.FromSamples(1_000_000_000, 44_100));
        Assert.Equal(62_500_000_000L, Micros.FromSamples(1_000_000_000, 16_000));
    }

    [Fact]
    public void Chunk_boundaries_from_sample_counts_do_not_drift()
    {
        // 1024-sample chunks at 44.1 kHz: each boundary is computed from its index, never by adding durations.
        long previous = 0;
        for (long chunk = 1; chunk <= 1_000_000; chunk++)
        {
            long boundary = Micros.FromSamples(chunk * 1024, 44_100);
            long step = boundary - previous;
            Assert.InRange(step, 23_219, 23_220); // 1024 / 44100 s = 23219.95 us
            previous = boundary;
        }
        Assert.Equal(23_219_954_648L, previous); // 1.024e9 samples = 23219.954648... s
    }

    [Fact]
    public void Sample_indices_beyond_the_int64_product_do_not_overflow()
    {
        // 1e15 * 1e6 exceeds long.MaxValue; the intermediate is 128-bit.
        Assert.Equal(20_833_333_333_333_333L, Micros.FromSamples(1_000_000_000_000_000, 48_000));
    }

    [Fact]
    public void TimeSpan_and_seconds_round_trip()
    {
        Assert.Equal(1_500_000, Micros.From(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(TimeSpan.FromMilliseconds(2.5), Micros.ToTimeSpan(2_500));
        Assert.Equal(123_457, Micros.FromSeconds(0.1234567));
        Assert.Equal(0.25, Micros.ToSeconds(250_000));
        Assert.Equal(3, Micros.From(TimeSpan.FromTicks(39))); // 100 ns ticks truncate to whole microseconds
    }
}
