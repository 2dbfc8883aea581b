using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Stages;

public sealed class PacketMergerTests
{
    private readonly MetricsRegistry _registry = new(new ManualClock());
    private readonly TestPackets _packets = new();

    [Fact]
    public async Task Forwards_every_input_in_its_own_order_and_survives_a_failed_input()
    {
        var video = PipelineChannels.Create<VideoFrame>(ChannelSpec.Lossless("v", 8), _registry);
        var audio = PipelineChannels.Create<AudioChunk>(ChannelSpec.Lossless("a", 8), _registry);
        var text = PipelineChannels.Create<TranscriptSegment>(ChannelSpec.Lossless("t", 8), _registry);
        var merged = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("merged", 4), _registry);
        var merger = new PacketMerger(_registry.GetOrAdd("merge"))
            .Add("cam", video.Reader).Add("mic", audio.Reader).Add("srt", text.Reader);
        Task run = merger.RunAsync(merged.Writer);

        var received = new List<ITimedPacket>();
        Task reader = Task.Run(async () =>
        {
            await foreach (ITimedPacket p in merged.Reader.ReadAllAsync())
                received.Add(p);
        });
        var producers = new[]
        {
            Task.Run(async () =>
            {
                for (int i = 0; i < 30; i++)
                    await video.Writer.WriteAsync(_packets.Frame(i * 100_000));
                video.Writer.Complete();
            }),
            Task.Run(async () =>
            {
                for (int i = 0; i < 20; i++)
                    await audio.Writer.WriteAsync(_packets.Chunk(i * 1600L, 1600));
                audio.Writer.Complete(new SourceException("mic:vmic", "device vanished", isTransient: false));
            }),
            Task.Run(async () =>
            {
                for (int i = 0; i < 3; i++)
                    await text.Writer.WriteAsync(_packets.Text(i * 1_000_000L, i * 1_000_000L + 500_000, $"line {i}"));
                text.Writer.Complete();
            }),
        };
        await Task.WhenAll(producers);
        await Eventually.WithinAsync(run, "the merger to finish");
        await Eventually.WithinAsync(reader, "the merged channel to complete");

        Assert.Equal(53, received.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i * 100_000L), received.OfType<VideoFrame>().Select(f => f.CaptureMicros));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 1600L), received.OfType<AudioChunk>().Select(c => c.FirstSampleIndex));
        Assert.Equal(["line 0", "line 1", "line 2"], received.OfType<TranscriptSegment>().Select(t => t.Text));
        var (name, error) = Assert.Single(merger.InputErrors);
        Assert.Equal("mic", name);
        Assert.Contains("device vanished", error.Message);
        Assert.Equal(53, _registry.GetOrAdd("merge").Out);
        foreach (var p in received)
            (p as IDisposable)?.Dispose();
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public async Task Cancellation_completes_the_output_and_releases_the_packet_in_hand()
    {
        var video = PipelineChannels.Create<VideoFrame>(ChannelSpec.Lossless("v", 8), _registry);
        var merged = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("merged", 1), _registry);
        var merger = new PacketMerger(_registry.GetOrAdd("merge")).Add("cam", video.Reader);
        using var cts = new CancellationTokenSource();
        Task run = merger.RunAsync(merged.Writer, cts.Token);
        for (int i = 0; i < 3; i++)
            await video.Writer.WriteAsync(_packets.Frame(i));
        // One frame fills the merged channel, the next waits in the merger's hand.
        await Eventually.TrueAsync(() => _registry.GetOrAdd("merge").In == 2, "the merger to hold the second frame");
        cts.Cancel();

        await Eventually.WithinAsync(run, "the merger to stop");
        Assert.True(run.IsCanceled);
        Assert.Equal(1, PipelineChannels.DisposeRemaining(merged.Reader));
        Assert.True(merged.Reader.Completion.IsCompleted);
        Assert.Equal(1, PipelineChannels.DisposeRemaining(video.Reader));
        Assert.Equal(0, _packets.Outstanding);
        Assert.Empty(merger.InputErrors);
    }
}
