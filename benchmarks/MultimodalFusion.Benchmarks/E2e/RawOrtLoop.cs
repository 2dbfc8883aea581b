using System.Diagnostics;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// The same model work per decision as the pipeline, with no pipeline around it, under the same conditions: the same
/// decoded frames replayed at the same speed on the same clock, each copied into a pooled frame as the replayer does,
/// the same sessions. When a frame's time reaches a window's end, the last frame of each slot goes through the image
/// extractor and the fusion model runs once; only those two are timed.
/// </summary>
/// <remarks>
/// <para>The replay thread hands each decision to a thread-pool thread and waits for it, so that, as in the pipeline,
/// the model work runs on a thread that was woken for it rather than on the thread that copies every frame. With
/// everything on one thread, a loaded machine's scheduler preempted the extraction 2-3x more often than the fusion
/// stage's (measured at load ~40 on 2 cores). While a decision runs no frame is copied, which favours the raw loop:
/// the ratio is an upper bound of the pipeline's overhead.</para>
/// <para>Uses the harness's extractor and runner while no pipeline runs (both are single-user objects).</para>
/// </remarks>
public static class RawOrtLoop
{
    /// <summary>Runs the extractor over the first frames of the clip and the fusion model a few times, untimed (JIT, ORT warm-up).</summary>
    public static void WarmUp(DecodedClip clip, ImageExtractor extractor, FusionRunner runner)
    {
        for (int i = 0; i < Math.Min(8, clip.Count); i++)
        {
            using VideoFrame frame = MatCopy.ToFrame(clip[i], BufferPool<byte>.Shared, "warm-up", i, i, null);
            extractor.Extract(frame);
            runner.Run();
        }
    }

    /// <summary>Extraction and fusion-run times (microseconds) and extractions of each decision over <paramref name="plan"/>'s replay.</summary>
    public static List<RawDecision> Run(DecodedClip clip, ImageExtractor extractor, FusionRunner runner, E2eOptions options,
        ReplayPlan plan, CancellationToken cancellationToken)
    {
        IClock clock = MonotonicClock.Instance;
        long window = Micros.From(options.Window / plan.Speed), hop = Micros.From(options.Hop / plan.Speed);
        long origin = clock.NowMicros + 100_000;
        var frames = new List<VideoFrame>();   // owned here: frames of the current window span, in time order
        var times = new List<RawDecision>();
        long windowStart = origin;
        long total = (long)(plan.Loops ?? 1) * clip.Count;
        bool spin = TimeSpan.FromSeconds(1 / (clip.Fps * plan.Speed)) < Pacing.SpinBelow;
        try
        {
            for (long g = 0; g < total; g++)
            {
                long stamp = origin + (long)(g * 1_000_000 / (clip.Fps * plan.Speed));
                if (plan.Paced)
                    Pacing.WaitUntil(clock, stamp, spin, cancellationToken);
                while (stamp >= windowStart + window)
                {
                    times.Add(DecideOnPool(frames, windowStart, window, extractor, runner, options.Slots, cancellationToken));
                    windowStart += hop;
                    int stale = frames.FindIndex(f => f.CaptureMicros >= windowStart);
                    int drop = stale < 0 ? frames.Count : stale;
                    for (int i = 0; i < drop; i++)
                        frames[i].Dispose();
                    frames.RemoveRange(0, drop);
                }
                frames.Add(MatCopy.ToFrame(clip[(int)(g % clip.Count)], BufferPool<byte>.Shared, "raw", g, stamp, null));
            }
        }
        finally
        {
            foreach (var frame in frames)
                frame.Dispose();
        }
        return times;
    }

    /// <summary>Runs <see cref="Decide"/> on a pool thread (never inlined here) and waits for it; rethrows its failure.</summary>
    private static RawDecision DecideOnPool(List<VideoFrame> frames, long start, long window, ImageExtractor extractor,
        FusionRunner runner, int slots, CancellationToken cancellationToken)
    {
        using var done = new ManualResetEventSlim();
        RawDecision result = default;
        Exception? failure = null;
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                result = Decide(frames, start, window, extractor, runner, slots);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                done.Set();
            }
        }, null);
        done.Wait(cancellationToken);
        if (failure is not null)
            throw new InvalidOperationException($"The raw loop's decision failed: {failure.Message}", failure);
        return result;
    }

    private static RawDecision Decide(List<VideoFrame> frames, long start, long window, ImageExtractor extractor, FusionRunner runner, int slots)
    {
        long began = Stopwatch.GetTimestamp();
        Span<float> sequence = runner.Sequence(E2eModels.VideoInput);
        Span<bool> mask = runner.Mask(E2eModels.VideoMask);
        sequence.Clear();
        mask.Clear();
        int d = extractor.FeatureLength;
        for (int s = 0; s < slots; s++)
        {
            long slotStart = start + window * s / slots, slotEnd = start + window * (s + 1) / slots;
            VideoFrame? last = null;
            foreach (VideoFrame f in frames)   // in time order, as VideoWindowFeatures walks them
            {
                if (f.CaptureMicros >= slotEnd)
                    break;
                if (f.CaptureMicros >= slotStart)
                    last = f;
            }
            if (last is null)
                continue;
            extractor.Extract(last).CopyTo(sequence.Slice(s * d, d));
            mask[s] = true;
        }
        long extracted = Stopwatch.GetTimestamp();
        runner.Run();
        long ran = Stopwatch.GetTimestamp();
        return new RawDecision((long)Stopwatch.GetElapsedTime(began, extracted).TotalMicroseconds, (long)Stopwatch.GetElapsedTime(extracted, ran).TotalMicroseconds,
            mask.Count(true));
    }
}
