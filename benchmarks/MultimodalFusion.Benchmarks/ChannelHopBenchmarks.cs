using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using MultimodalFusion.Benchmarks.Running;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Benchmarks;

/// <summary>One item through a bounded channel: the BCL channel as baseline, then the pipeline factory's channels.</summary>
/// <remarks>Write then read on one thread, so the number is the channel's own cost, not a thread hop.</remarks>
[MemoryDiagnoser]
public class ChannelHopBenchmarks
{
    private readonly object _item = new();
    private Channel<object> _plain = null!;
    private Channel<object> _lossless = null!;
    private Channel<object> _live = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new MetricsRegistry(MonotonicClock.Instance);
        _plain = Channel.CreateBounded<object>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait });
        _lossless = PipelineChannels.Create<object>(ChannelSpec.Lossless("bench-wait", 64), registry);
        _live = PipelineChannels.Create<object>(new ChannelSpec("bench-live", 4, BoundedChannelFullMode.DropOldest), registry);
    }

    [Benchmark(Baseline = true), BenchmarkCategory(BenchCategories.Quick)]
    public object? BclBoundedWait() => Hop(_plain);

    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public object? FactoryWait() => Hop(_lossless);

    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public object? FactoryDropOldest() => Hop(_live);

    private object? Hop(Channel<object> channel)
    {
        channel.Writer.TryWrite(_item);
        channel.Reader.TryRead(out object? read);
        return read;
    }
}
