using System.Threading.Channels;
using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;
using static MultimodalFusion.Capture.Tests.Audio.AudioTestHelpers;

namespace MultimodalFusion.Capture.Tests.Audio;

/// <summary>What every finite audio source must do; one subclass per source kind.</summary>
/// <remarks>
/// The subclass builds its source over a file of about <see cref="ExpectedDuration"/> with the given
/// options; the contract checks format, exact contiguous timing from the origin, sequence continuation
/// across runs and prompt cancellation while the consumer is stalled.
/// </remarks>
public abstract class AudioSourceContractTests
{
    /// <summary>The source under test.</summary>
    protected abstract IPacketSource<AudioChunk> CreateSource(AudioFileOptions options, IClock clock);

    /// <summary>How long the input is, and how far off the decoded length may be.</summary>
    protected abstract (TimeSpan Duration, TimeSpan Tolerance) ExpectedDuration { get; }

    [Fact]
    public async Task Run_EmitsContiguous16kMonoChunksFromTheOrigin()
    {
        var options = new AudioFileOptions("contract", TimeSpan.FromMilliseconds(40), MediaOriginMicros: 3_000_000);
        var chunks = await RunToEndAsync(CreateSource(options, new ManualClock(9_000_000)));
        try
        {
            Assert.NotEmpty(chunks);
            Assert.All(chunks, c => Assert.Equal((16_000, 1, "contract", 3_000_000L), (c.SampleRateHz, c.Channels, c.StreamId, c.StreamStartMicros)));
            Assert.All(chunks.SkipLast(1), c => Assert.Equal(640, c.FrameCount));
            Assert.InRange(chunks[^1].FrameCount, 1, 640);
            Assert.Equal((0L, 3_000_000L), (chunks[0].Sequence, chunks[0].StartMicros));
            AssertContiguous(chunks);
            var (duration, tolerance) = ExpectedDuration;
            Assert.InRange(chunks[^1].EndMicros - 3_000_000, Micros.From(duration - tolerance), Micros.From(duration + tolerance));
            Assert.All(Concat(chunks), s => Assert.InRange(s, -1.0001f, 1.0001f));
        }
        finally
        {
            chunks.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task SecondRun_ContinuesTheSequence()
    {
        var source = CreateSource(new AudioFileOptions(ChunkDuration: TimeSpan.FromMilliseconds(500), MediaOriginMicros: 0), new ManualClock());
        var first = await RunToEndAsync(source);
        var second = await RunToEndAsync(source);
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(Enumerable.Range(first.Count, second.Count).Select(i => (long)i), second.Select(c => c.Sequence));
        first.Concat(second).ToList().ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Cancellation_EndsARunBlockedOnAFullChannel()
    {
        var channel = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait });
        using var cts = new CancellationTokenSource();
        var run = CreateSource(new AudioFileOptions(ChunkDuration: TimeSpan.FromMilliseconds(20)), new ManualClock()).RunAsync(channel.Writer, cts.Token);
        var first = await channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        first.Dispose();
        await Task.Delay(100);
        Assert.False(run.IsCompleted); // blocked: the channel is full again
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        while (channel.Reader.TryRead(out var c))
            c.Dispose();
    }

    [Fact]
    public async Task AlreadyCancelled_WritesNothing()
    {
        var channel = Channel.CreateUnbounded<AudioChunk>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CreateSource(new AudioFileOptions(), new ManualClock()).RunAsync(channel.Writer, new CancellationToken(canceled: true)));
        Assert.Equal(0, channel.Reader.Count);
    }
}

/// <summary>The contract for <see cref="WavFileSource"/> over goforward-44k-stereo.wav (resampled, down-mixed).</summary>
public sealed class WavFileSourceContractTests : AudioSourceContractTests
{
    protected override IPacketSource<AudioChunk> CreateSource(AudioFileOptions options, IClock clock) =>
        new WavFileSource(RepoPaths.Media("goforward-44k-stereo.wav"), options, clock);

    protected override (TimeSpan, TimeSpan) ExpectedDuration => (TimeSpan.FromSeconds(2.78625), TimeSpan.FromMilliseconds(40));
}

/// <summary>The contract for <see cref="AudioFileSource"/> (ffmpeg) over espeak-hello.mp3.</summary>
public sealed class AudioFileSourceContractTests : AudioSourceContractTests
{
    protected override IPacketSource<AudioChunk> CreateSource(AudioFileOptions options, IClock clock) =>
        new AudioFileSource(RepoPaths.Media("espeak-hello.mp3"), options, clock);

    // espeak-hello.wav is 77,606 samples at 22.05 kHz (3.52 s); MP3 adds up to ~0.1 s of encoder padding.
    protected override (TimeSpan, TimeSpan) ExpectedDuration => (TimeSpan.FromSeconds(3.57), TimeSpan.FromMilliseconds(100));
}
