using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Channels;

public sealed class TeeWriterTests
{
    [Fact]
    public async Task Both_consumers_get_every_chunk_and_each_releases_its_own_reference()
    {
        var packets = new TestPackets();
        var primary = Channel.CreateBounded<AudioChunk>(16);
        var tap = Channel.CreateBounded<AudioChunk>(16);
        var tee = new TeeWriter<AudioChunk>(primary.Writer, tap.Writer, c => c.Retain());

        foreach (AudioChunk chunk in packets.Chunks(0, 1600, 160, 0))
            await tee.WriteAsync(chunk);
        tee.TryComplete();

        var fromPrimary = await primary.Reader.ReadAllAsync().ToListAsync();
        var fromTap = await tap.Reader.ReadAllAsync().ToListAsync();
        Assert.Equal(10, fromPrimary.Count);
        Assert.Equal(fromPrimary.Select(c => c.FirstSampleIndex), fromTap.Select(c => c.FirstSampleIndex));
        fromPrimary.ForEach(c => c.Dispose());
        Assert.Equal(10, packets.Outstanding); // the tap's references are still held
        Assert.Equal(159f, fromTap[0].Span[159]);
        fromTap.ForEach(c => c.Dispose());
        Assert.Equal(0, packets.Outstanding);
        Assert.True(tap.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void A_full_tap_never_blocks_the_primary_and_its_refused_copies_are_released()
    {
        var packets = new TestPackets();
        var primary = Channel.CreateBounded<AudioChunk>(16);
        var tap = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.Wait });
        var tee = new TeeWriter<AudioChunk>(primary.Writer, tap.Writer, c => c.Retain());

        for (int i = 0; i < 8; i++)
            Assert.True(tee.TryWrite(packets.Chunk(i * 160, 160)));

        Assert.Equal(8, primary.Reader.Count);
        Assert.Equal(2, tap.Reader.Count);
        while (primary.Reader.TryRead(out var c)) c.Dispose();
        while (tap.Reader.TryRead(out var c)) c.Dispose();
        Assert.Equal(0, packets.Outstanding);
    }

    [Fact]
    public void A_refused_primary_write_releases_the_copy_taken_for_the_tap()
    {
        var packets = new TestPackets();
        var primary = Channel.CreateBounded<AudioChunk>(1);
        var tap = Channel.CreateBounded<AudioChunk>(16);
        var tee = new TeeWriter<AudioChunk>(primary.Writer, tap.Writer, c => c.Retain());
        primary.Writer.TryComplete();

        var chunk = packets.Chunk(0, 160);
        Assert.False(tee.TryWrite(chunk));
        chunk.Dispose();

        Assert.Equal(0, tap.Reader.Count);
        Assert.Equal(0, packets.Outstanding);
    }
}
