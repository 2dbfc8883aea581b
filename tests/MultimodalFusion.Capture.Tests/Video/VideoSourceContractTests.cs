using System.Threading.Channels;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Video;

/// <summary>What every video <see cref="IPacketSource{T}"/> promises, checked once per implementation over the same clip.</summary>
public abstract class VideoSourceContractTests
{
    /// <summary>A source named "contract" that reads megamind-gop25.mp4 (271 frames, 720x528) into <paramref name="pool"/>.</summary>
    protected abstract IPacketSource<VideoFrame> Create(BufferPool<byte> pool);

    [Fact]
    public async Task Stamps_its_id_numbers_frames_from_0_and_keeps_time_monotonic()
    {
        var frames = new List<(string Stream, long Seq, long T, int Bytes, Modality M)>();
        await FrameLog.RunAsync(Create(new BufferPool<byte>()),
            inspect: f => frames.Add((f.StreamId, f.Sequence, f.CaptureMicros, f.Span.Length, f.Modality)));

        Assert.Equal(271, frames.Count);
        Assert.All(frames, f => Assert.Equal(("contract", 720 * 528 * 3, Modality.Video), (f.Stream, f.Bytes, f.M)));
        Assert.Equal(Enumerable.Range(0, 271).Select(i => (long)i), frames.Select(f => f.Seq));
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.Second.T >= p.First.T), "capture times must not go back");
    }

    [Fact]
    public async Task Leaves_no_buffer_out_once_the_reader_disposed_every_frame()
    {
        var pool = new BufferPool<byte>();
        await FrameLog.RunAsync(Create(pool));
        Assert.Equal(0, pool.Outstanding);
        Assert.True(pool.TotalRented >= 271);
    }

    [Fact]
    public async Task Does_not_complete_the_channel_and_continues_the_sequence_on_a_second_run()
    {
        var source = Create(new BufferPool<byte>());
        var channel = Channel.CreateUnbounded<VideoFrame>();

        await source.RunAsync(channel.Writer, CancellationToken.None);
        await source.RunAsync(channel.Writer, CancellationToken.None);

        Assert.False(channel.Reader.Completion.IsCompleted, "the source must leave completion to its supervisor");
        var sequences = new List<long>();
        while (channel.Reader.TryRead(out var frame))
            using (frame)
                sequences.Add(frame.Sequence);
        Assert.Equal(Enumerable.Range(0, 542).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_run_with_OperationCanceledException()
    {
        var pool = new BufferPool<byte>();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(pool).RunAsync(Channel.CreateUnbounded<VideoFrame>().Writer, cts.Token));
        Assert.Equal(0, pool.Outstanding);
    }
}

/// <summary>The contract for <see cref="VideoFileSource"/>.</summary>
public sealed class VideoFileSourceContractTests : VideoSourceContractTests
{
    protected override IPacketSource<VideoFrame> Create(BufferPool<byte> pool) =>
        new VideoFileSource(RepoPaths.Media("megamind-gop25.mp4"), new ManualClock(), new VideoFileSourceOptions { Id = "contract", Pool = pool });
}

/// <summary>The contract for <see cref="FfmpegVideoSource"/> over a file.</summary>
public sealed class FfmpegVideoSourceContractTests : VideoSourceContractTests
{
    protected override IPacketSource<VideoFrame> Create(BufferPool<byte> pool) =>
        new FfmpegVideoSource(RepoPaths.Media("megamind-gop25.mp4"), MonotonicClock.Instance, new FfmpegVideoSourceOptions { Id = "contract", Pool = pool });
}
