using System.Threading.Channels;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// A camera stand-in: replays a <see cref="DecodedClip"/> into a frame channel by its <see cref="ReplayPlan"/>, copying
/// each frame into a pooled <see cref="VideoFrame"/> (Capture's <see cref="MatCopy"/>, the copy a live source makes).
/// </summary>
/// <remarks>
/// Frame g (counting across passes) is stamped <c>Origin + g * period / Speed</c>. Each written frame belongs to the
/// channel (a dropping channel returns it to the pool); the replayer completes the channel when it stops. Counters
/// may be read from any thread while it runs.
/// </remarks>
public sealed class FrameReplayer(DecodedClip clip, IClock clock, ReplayPlan plan)
{
    private long _written;
    private long _skipped;

    /// <summary>Clock time of frame 0; set when <see cref="Run"/> starts.</summary>
    public long OriginMicros { get; private set; }

    /// <summary>Frames written into the channel.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Frames skipped because the replayer was already past their successor's time (a source overrun).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Managed bytes the replay thread allocated (frame objects, and frame buffers the pool did not have); set when it stops.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Media time replayed so far (written and skipped frames).</summary>
    public TimeSpan MediaReplayed => TimeSpan.FromSeconds((Written + Skipped) / clip.Fps);

    /// <summary>Stamp of frame <paramref name="g"/>, in clock microseconds.</summary>
    public long StampOf(long g) => OriginMicros + (long)(g * 1_000_000 / (clip.Fps * plan.Speed));

    /// <summary>Replays on the calling thread (give it a thread of its own), then completes <paramref name="output"/>.</summary>
    public void Run(ChannelWriter<VideoFrame> output, CancellationToken cancellationToken)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        OriginMicros = clock.NowMicros + 100_000;   // a little lead, so the first frame is not already late
        long end = plan.Duration is { } d ? OriginMicros + Micros.From(d) : long.MaxValue;
        long total = plan.Loops is { } loops ? (long)loops * clip.Count : long.MaxValue;
        bool spin = TimeSpan.FromSeconds(1 / (clip.Fps * plan.Speed)) < Pacing.SpinBelow;
        try
        {
            for (long g = 0; g < total; g++)
            {
                long stamp = StampOf(g);
                if ((plan.Paced ? stamp : clock.NowMicros) >= end)   // unpaced stamps are media time, not wall time
                    break;
                if (plan.Paced)
                {
                    Pacing.WaitUntil(clock, stamp, spin, cancellationToken);
                    if (clock.NowMicros >= StampOf(g + 1))
                    {
                        Interlocked.Increment(ref _skipped);   // its successor is already due: a live camera has overwritten it
                        continue;
                    }
                }
                VideoFrame frame = MatCopy.ToFrame(clip[(int)(g % clip.Count)], BufferPool<byte>.Shared, "e2e", g, stamp, null);
                if (!output.TryWrite(frame))
                {
                    try
                    {
                        output.WriteAsync(frame, cancellationToken).AsTask().GetAwaiter().GetResult();
                    }
                    catch
                    {
                        frame.Dispose();
                        throw;
                    }
                }
                Interlocked.Increment(ref _written);
            }
        }
        finally
        {
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            output.TryComplete();
        }
    }
}
