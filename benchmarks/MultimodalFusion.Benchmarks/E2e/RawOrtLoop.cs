using System.Diagnostics;
using MultimodalFusion.Benchmarks.Media;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;
using OpenCvSharp;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// The same model work per decision as the pipeline, with no pipeline around it: the clip is decoded as fast as
/// possible and, for every window on the same grid, the last frame of each slot goes through the image extractor and
/// the fusion model runs once. Only the extraction and the fusion run are timed (decoding is not).
/// </summary>
/// <remarks>Uses the harness's extractor and runner after the pipeline has stopped (both are single-user objects).</remarks>
public static class RawOrtLoop
{
    /// <summary>Per-decision compute times in microseconds over one pass of <paramref name="clipPath"/>.</summary>
    public static List<long> Run(string clipPath, ImageExtractor extractor, FusionRunner runner, E2eOptions options)
    {
        using var capture = new VideoCapture(clipPath);
        if (!capture.IsOpened())
            throw new InvalidDataException($"{clipPath}: OpenCV cannot open the clip for the raw loop.");
        double fps = capture.Fps > 0 ? capture.Fps : 25;
        long window = options.Window.Ticks / 10, hop = options.Hop.Ticks / 10;
        var frames = new List<VideoFrame>();   // owned here: frames of the current window span, in time order
        var times = new List<long>();
        using var mat = new Mat();
        long windowStart = 0;
        try
        {
            for (long index = 0; capture.Read(mat) && !mat.Empty(); index++)
            {
                long pts = (long)(index * 1_000_000 / fps);
                while (pts >= windowStart + window)
                {
                    times.Add(Decide(frames, windowStart, window, extractor, runner, options.Slots));
                    windowStart += hop;
                    int stale = frames.FindIndex(f => f.CaptureMicros >= windowStart);
                    foreach (var old in frames.Take(stale < 0 ? frames.Count : stale).ToList())
                    {
                        frames.Remove(old);
                        old.Dispose();
                    }
                }
                frames.Add(BenchMedia.ToVideoFrame(mat, pts, index));
            }
        }
        finally
        {
            foreach (var frame in frames)
                frame.Dispose();
        }
        return times;
    }

    private static long Decide(List<VideoFrame> frames, long start, long window, ImageExtractor extractor, FusionRunner runner, int slots)
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
            VideoFrame? last = frames.LastOrDefault(f => f.CaptureMicros >= slotStart && f.CaptureMicros < slotEnd);
            if (last is null)
                continue;
            extractor.Extract(last).CopyTo(sequence.Slice(s * d, d));
            mask[s] = true;
        }
        runner.Run();
        return (long)Stopwatch.GetElapsedTime(began).TotalMicroseconds;
    }
}
