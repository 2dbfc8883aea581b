using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Preprocessing;

namespace MultimodalFusion.Apps.Tests.EmotionHooks;

/// <summary>The frame tap in front of the emotion aligner: every packet passes, one frame per interval is observed, no buffer leaks.</summary>
public sealed class EmotionFrameTapTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Every_packet_passes_and_one_frame_per_interval_of_media_and_clock_time_is_observed_with_its_face()
    {
        var pool = new BufferPool<byte>();
        var clock = new ManualClock();
        var primary = Channel.CreateUnbounded<ITimedPacket>();
        var seen = new List<(string Source, long Capture, PixelRect? Face, bool PixelsAlive)>();
        var detector = new FixedDetector(new PixelRect(4, 6, 10, 12));
        var tap = new EmotionFrameTap(primary.Writer, (source, frame, face) =>
        {
            lock (seen)
                seen.Add((source, frame.CaptureMicros, face, !frame.Pixels.IsReleased));
        }, s_interval, detector, clock, NullLogger.Instance);

        // 25 fps for 2 s, the clock moving with the media: frames 0, 13, 26, 39 (0, 0.52, 1.04, 1.56 s) are due.
        int due = 0;
        for (int i = 0; i < 50; i++)
        {
            clock.Set(i * 40_000);
            await tap.WriteAsync(Frame(pool, i, i * 40_000));
            if (i % 13 == 0)
                due++;
            // The observer keeps up here, so none is replaced in the one-slot hand-off.
            await WaitUntilAsync(() => { lock (seen) return seen.Count == due && primary.Reader.Count == i + 1; });
        }
        tap.TryComplete();
        await tap.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(50, primary.Reader.Count);
        Assert.Equal(4, detector.Calls);
        Assert.Equal([0L, 520_000, 1_040_000, 1_560_000], seen.Select(s => s.Capture));
        Assert.All(seen, s => Assert.Equal(("cam", new PixelRect(4, 6, 10, 12), true), (s.Source, s.Face, s.PixelsAlive)));
        // The observed copies were released: only the 50 frames still in the primary channel hold buffers.
        Assert.Equal(50, pool.Outstanding);
        while (primary.Reader.TryRead(out var packet))
            ((VideoFrame)packet).Dispose();
        Assert.Equal(0, pool.Outstanding);
        Assert.True(primary.Reader.Completion.IsCompleted); // completing the tap completed the aligner's input
    }

    [Fact]
    public async Task A_file_decoded_faster_than_the_clock_is_thinned_by_the_clock_and_observer_failures_do_not_stop_the_stream()
    {
        var pool = new BufferPool<byte>();
        var clock = new ManualClock();
        var primary = Channel.CreateUnbounded<ITimedPacket>();
        int calls = 0;
        var tap = new EmotionFrameTap(primary.Writer, (_, _, face) =>
        {
            Interlocked.Increment(ref calls);
            Assert.Null(face);   // no detector: no box
            throw new InvalidOperationException("observer broke");
        }, s_interval, detector: null, clock, NullLogger.Instance);

        // 10 s of media in 1 s of clock: at most one frame per 500 ms of clock (0 s and 0.5 s, maybe 1.0 s).
        for (int i = 0; i < 250; i++)
        {
            clock.Set(i * 4_000);
            Assert.True(tap.TryWrite(Frame(pool, i, i * 40_000)));
            await WaitUntilAsync(() => primary.Reader.Count == i + 1);
        }
        await tap.WriteAsync(new TranscriptSegment("text", 0, 0, 1_000_000, "hi"));
        tap.TryComplete();
        await tap.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(251, primary.Reader.Count);
        Assert.InRange(Volatile.Read(ref calls), 1, 2);
        while (primary.Reader.TryRead(out var packet))
            (packet as IDisposable)?.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    private static VideoFrame Frame(BufferPool<byte> pool, long sequence, long captureMicros)
    {
        var pixels = pool.Rent(PixelFormat.Bgr24.FrameBytes(32, 24));
        return new VideoFrame(pixels, 32, 24, PixelFormat.Bgr24, "cam", sequence, captureMicros, null);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            await Task.Delay(1);
        }
    }

    private sealed class FixedDetector(PixelRect face) : IFaceDetector
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IReadOnlyList<PixelRect> Detect(VideoFrame frame)
        {
            Interlocked.Increment(ref _calls);
            return [face, new PixelRect(0, 0, 2, 2)];
        }
    }
}
