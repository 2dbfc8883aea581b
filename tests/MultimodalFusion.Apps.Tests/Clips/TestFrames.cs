using System.Threading.Channels;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Tests.Clips;

/// <summary>Real frames from the test media for the clip tests.</summary>
internal static class TestFrames
{
    /// <summary>The first <paramref name="maxFrames"/> frames of test media <paramref name="media"/> (file timestamps from 0), pixels rented from <paramref name="pool"/>; the caller disposes them.</summary>
    public static async Task<List<VideoFrame>> ReadAsync(string media, BufferPool<byte> pool, int maxFrames)
    {
        var source = new VideoFileSource(RepoPaths.Media(media), new ManualClock(), new VideoFileSourceOptions { Id = media, OriginMicros = 0, Pool = pool });
        var channel = Channel.CreateUnbounded<VideoFrame>();
        using var cts = new CancellationTokenSource();
        var run = source.RunAsync(channel.Writer, cts.Token);
        var frames = new List<VideoFrame>();
        await foreach (var frame in channel.Reader.ReadAllAsync())
        {
            frames.Add(frame);
            if (frames.Count == maxFrames)
            {
                cts.Cancel();
                break;
            }
        }
        try { await run; } catch (OperationCanceledException) { }
        while (channel.Reader.TryRead(out var extra))
            extra.Dispose();
        Assert.Equal(maxFrames, frames.Count);
        return frames;
    }

    /// <summary>Frames OpenCV reads from <paramref name="capture"/> until the end.</summary>
    public static int Count(VideoCapture capture)
    {
        using var mat = new Mat();
        int n = 0;
        while (capture.Read(mat) && !mat.Empty())
            n++;
        return n;
    }
}
