using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Channels;

public sealed class PipelineChannelsTests
{
    private readonly MetricsRegistry _registry = new(new ManualClock());
    private readonly TestPackets _packets = new();

    [Theory]
    [InlineData(1, 10)]
    [InlineData(4, 10)]
    [InlineData(16, 100)]
    public void DropOldest_keeps_the_newest_items_and_disposes_every_drop(int capacity, int written)
    {
        Channel<VideoFrame> channel = PipelineChannels.Create<VideoFrame>(new ChannelSpec("live", capacity, BoundedChannelFullMode.DropOldest), _registry);
        for (int i = 0; i < written; i++)
            Assert.True(channel.Writer.TryWrite(_packets.Frame(i * 1000)));

        Assert.Equal(written - capacity, _registry.GetOrAdd("live").Dropped);
        // Only the buffered frames still hold pixels: every dropped one went back to the pool.
        Assert.Equal(capacity, _packets.Outstanding);
        var kept = new List<long>();
        while (channel.Reader.TryRead(out VideoFrame? frame))
        {
            kept.Add(frame.CaptureMicros);
            frame.Dispose();
        }
        Assert.Equal(Enumerable.Range(written - capacity, capacity).Select(i => i * 1000L), kept);
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public void DropWrite_refuses_the_new_item_and_disposes_it()
    {
        var metrics = _registry.GetOrAdd("dw");
        Channel<VideoFrame> channel = PipelineChannels.Create<VideoFrame>(new ChannelSpec("dw", 2, BoundedChannelFullMode.DropWrite), metrics);
        for (int i = 0; i < 5; i++)
            channel.Writer.TryWrite(_packets.Frame(i));

        Assert.Equal(3, metrics.Dropped);
        Assert.True(channel.Reader.TryRead(out var first));
        Assert.Equal(0, first!.CaptureMicros);
        first.Dispose();
        Assert.Equal(1, PipelineChannels.DisposeRemaining(channel.Reader));
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public async Task Wait_mode_never_drops_and_makes_the_writer_wait_for_room()
    {
        var metrics = _registry.GetOrAdd("files");
        Channel<int> channel = PipelineChannels.Create<int>(ChannelSpec.Lossless("files", 2), metrics);
        Assert.True(channel.Writer.TryWrite(1));
        Assert.True(channel.Writer.TryWrite(2));
        Assert.False(channel.Writer.TryWrite(3));
        ValueTask pending = channel.Writer.WriteAsync(3);
        Assert.False(pending.IsCompleted);

        Assert.Equal(1, await channel.Reader.ReadAsync());
        await Eventually.WithinAsync(pending.AsTask(), "the waiting write to finish once there is room");
        Assert.Equal(0, metrics.Dropped);
        Assert.Equal(2, await channel.Reader.ReadAsync());
        Assert.Equal(3, await channel.Reader.ReadAsync());
    }

    [Fact]
    public void Bad_specs_fail_with_a_message_that_names_the_channel()
    {
        var metrics = _registry.GetOrAdd("x");
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => PipelineChannels.Create<int>(new ChannelSpec("cam1-frames", 0, BoundedChannelFullMode.Wait), metrics));
        Assert.Contains("cam1-frames", zero.Message);
        var mode = Assert.Throws<ArgumentOutOfRangeException>(() => PipelineChannels.Create<int>(new ChannelSpec("mic", 1, (BoundedChannelFullMode)42), metrics));
        Assert.Contains("mic", mode.Message);
        Assert.Throws<ArgumentException>(() => PipelineChannels.Create<int>(new ChannelSpec(" ", 1, BoundedChannelFullMode.Wait), metrics));
    }

    [Fact]
    public async Task Drops_from_many_writers_are_all_counted()
    {
        var metrics = _registry.GetOrAdd("busy");
        Channel<int> channel = PipelineChannels.Create<int>(new ChannelSpec("busy", 8, BoundedChannelFullMode.DropOldest), metrics);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
                channel.Writer.TryWrite(i);
        })));
        Assert.Equal(40_000 - 8, metrics.Dropped);
        Assert.Equal(8, PipelineChannels.DisposeRemaining(channel.Reader));
    }
}
