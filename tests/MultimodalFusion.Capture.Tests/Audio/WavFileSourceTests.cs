using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;
using static MultimodalFusion.Capture.Tests.Audio.AudioTestHelpers;

namespace MultimodalFusion.Capture.Tests.Audio;

public sealed class WavFileSourceTests
{
    [Fact]
    public async Task GoForward_HasExactSampleCountAndContiguousTimestamps()
    {
        var clock = new ManualClock(5_000_000);
        var source = new WavFileSource(RepoPaths.Media("goforward.wav"), new AudioFileOptions("a1", MediaOriginMicros: 1_000_000), clock);
        var chunks = await RunToEndAsync(source);
        try
        {
            Assert.Equal(44_580, chunks.Sum(c => c.FrameCount));
            Assert.Equal(28, chunks.Count); // 27 full chunks of 1600 samples (100 ms) + a tail of 1380
            Assert.All(chunks.SkipLast(1), c => Assert.Equal(1_600, c.FrameCount));
            Assert.Equal(1_380, chunks[^1].FrameCount);
            Assert.All(chunks, c => Assert.Equal((16_000, 1, "a1"), (c.SampleRateHz, c.Channels, c.StreamId)));
            Assert.Equal(1_000_000, chunks[0].StartMicros);
            Assert.Equal(1_000_000 + 2_786_250, chunks[^1].EndMicros); // 44580 / 16 kHz = 2.78625 s
            AssertContiguous(chunks);
            float[] expected = ReadRawS16(RepoPaths.Media("goforward.raw"));
            float[] actual = Concat(chunks);
            Assert.Equal(expected.Length, actual.Length);
            Assert.True(expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second)) < 1e-4f);
        }
        finally
        {
            chunks.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task StereoAt44k_IsDownmixedAndResampledTo16kMono()
    {
        var source = new WavFileSource(RepoPaths.Media("goforward-44k-stereo.wav"), new AudioFileOptions(MediaOriginMicros: 0), new ManualClock());
        var chunks = await RunToEndAsync(source);
        try
        {
            long frames = chunks.Sum(c => (long)c.FrameCount);
            Assert.InRange(frames, 44_580 - 1_600, 44_580 + 1_600);
            Assert.InRange(chunks[^1].EndMicros, 2_786_250 - 100_000, 2_786_250 + 100_000);
            AssertContiguous(chunks);
            double r = BestCorrelation(ReadRawS16(RepoPaths.Media("goforward.raw")), Concat(chunks), maxLag: 64);
            Assert.True(r > 0.95, $"correlation with the 16 kHz original is {r:0.000}");
        }
        finally
        {
            chunks.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Realtime_ReleasesChunksOnlyWhenTheClockReachesTheirEnd()
    {
        var clock = MonotonicClock.Instance;
        long origin = clock.NowMicros;
        var source = new WavFileSource(RepoPaths.Media("goforward.wav"),
            new AudioFileOptions(ChunkDuration: TimeSpan.FromMilliseconds(250), Realtime: true, MediaOriginMicros: origin), clock);
        var channel = System.Threading.Channels.Channel.CreateUnbounded<Core.Packets.AudioChunk>();
        var run = source.RunAsync(channel.Writer, CancellationToken.None);
        int seen = 0;
        while (await channel.Reader.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
        {
            while (channel.Reader.TryRead(out var chunk))
            {
                using (chunk)
                    Assert.True(clock.NowMicros >= chunk.EndMicros, $"chunk {chunk} released at {clock.NowMicros}");
                seen++;
            }
            // The source never completes the channel (its supervisor does): stop after the last chunk.
            if (seen == 12)
                break;
        }
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(12, seen); // 2.78625 s in 250 ms chunks
    }

    [Fact]
    public async Task SecondRun_ContinuesSequenceAndReturnsEveryBuffer()
    {
        var pool = BufferPool<float>.Shared;
        var source = new WavFileSource(RepoPaths.Media("goforward.wav"), new AudioFileOptions(ChunkDuration: TimeSpan.FromSeconds(1)), new ManualClock());
        var first = await RunToEndAsync(source);
        var second = await RunToEndAsync(source);
        Assert.Equal([0, 1, 2], first.Select(c => c.Sequence));
        Assert.Equal([3, 4, 5], second.Select(c => c.Sequence));
        first.Concat(second).ToList().ForEach(c => c.Dispose());
        Assert.All(first.Concat(second), c => Assert.True(c.Samples.IsReleased));
    }

    [Fact]
    public async Task MissingFile_FailsNamingTheFile()
    {
        var source = new WavFileSource("/nonexistent/speech.wav", new AudioFileOptions(), new ManualClock());
        var e = await Assert.ThrowsAsync<SourceException>(() => RunToEndAsync(source));
        Assert.Contains("/nonexistent/speech.wav", e.Message);
        Assert.Contains("not found", e.Message);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task CorruptFile_FailsNamingTheFile()
    {
        string path = RepoPaths.Media("corrupt.mp4");
        var source = new WavFileSource(path, new AudioFileOptions(), new ManualClock());
        var e = await Assert.ThrowsAsync<SourceException>(() => RunToEndAsync(source));
        Assert.Contains(path, e.Message);
        Assert.Contains("WAV", e.Message);
        Assert.False(e.IsTransient);
    }
}
