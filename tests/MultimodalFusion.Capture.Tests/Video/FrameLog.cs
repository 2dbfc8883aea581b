using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;

namespace MultimodalFusion.Capture.Tests.Video;

/// <summary>What a test remembers of a frame after disposing it (frames are not kept: 795 of them are 1 GB).</summary>
internal readonly record struct FrameInfo(long Sequence, int Width, int Height, long CaptureMicros, long? PtsMicros, double MeanValue);

/// <summary>Runs a source into a channel and records every frame it delivers, disposing each one.</summary>
internal static class FrameLog
{
    /// <summary>Runs <paramref name="source"/> to its end (or its exception) while a reader drains an unbounded channel.</summary>
    public static async Task<List<FrameInfo>> RunAsync(IPacketSource<VideoFrame> source, TimeSpan? timeout = null,
        Action<VideoFrame>? inspect = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var channel = Channel.CreateUnbounded<VideoFrame>(new UnboundedChannelOptions { SingleReader = true });
        var frames = new List<FrameInfo>();
        var reader = Task.Run(async () =>
        {
            await foreach (var frame in channel.Reader.ReadAllAsync(cts.Token))
            {
                using (frame)
                {
                    inspect?.Invoke(frame);
                    frames.Add(Describe(frame));
                }
            }
        });
        try
        {
            await source.RunAsync(channel.Writer, cts.Token);
        }
        finally
        {
            channel.Writer.TryComplete();
            await reader;
        }
        return frames;
    }

    /// <summary>The record of one frame; reads its pixels, so the frame must still be alive.</summary>
    public static FrameInfo Describe(VideoFrame frame)
    {
        long sum = 0;
        // Every 97th byte: enough to notice a garbage or black frame without a full pass.
        ReadOnlySpan<byte> span = frame.Span;
        int n = 0;
        for (int i = 0; i < span.Length; i += 97, n++)
            sum += span[i];
        return new FrameInfo(frame.Sequence, frame.Width, frame.Height, frame.CaptureMicros, frame.PtsMicros, sum / (double)n);
    }
}
