using System.Threading.Channels;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Integration.Tests.Rtsp;

/// <summary><see cref="FfmpegVideoSource"/> reading the loopback RTSP server directly, over both transports.</summary>
public sealed class RtspStreamTests
{
    [Theory]
    [InlineData(RtspTransport.Tcp, false)]
    [InlineData(RtspTransport.Udp, false)]
    [InlineData(RtspTransport.Tcp, true)]
    public async Task Streams_full_size_frames_and_stops_cleanly_on_cancellation(RtspTransport transport, bool fastProbe)
    {
        await using var server = await RtspTestServer.StartAsync();
        var pool = new BufferPool<byte>();
        var source = new FfmpegVideoSource(server.Url, MonotonicClock.Instance,
            new FfmpegVideoSourceOptions { Id = "cam", RtspTransport = transport, FastProbe = fastProbe, Pool = pool });
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest }, f => f.Dispose());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = source.RunAsync(channel.Writer, cts.Token);

        var sizes = new HashSet<(int, int)>();
        long lastCapture = long.MinValue;
        for (int i = 0; i < 30; i++)
        {
            using var frame = await channel.Reader.ReadAsync(cts.Token);
            sizes.Add((frame.Width, frame.Height));
            Assert.True(frame.CaptureMicros >= lastCapture);
            lastCapture = frame.CaptureMicros;
        }
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal([(720, 528)], sizes); // learnt from ffmpeg's stream line: no size was configured
        Assert.Equal(1, source.Runs);
        Assert.True(source.FramesReceived >= 30);
        while (channel.Reader.TryRead(out var left))
            left.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }
}
