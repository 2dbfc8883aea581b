using System.Threading.Channels;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Video;

public sealed class FfmpegVideoSourceTests
{
    [Fact]
    public async Task File_through_ffmpeg_gives_every_frame_matching_opencv()
    {
        string path = RepoPaths.Media("Megamind.avi");
        var pool = new BufferPool<byte>();
        var source = new FfmpegVideoSource(path, MonotonicClock.Instance, new FfmpegVideoSourceOptions { Id = "ff", Pool = pool });

        var frames = await FrameLog.RunAsync(source);
        var reference = await FrameLog.RunAsync(new VideoFileSource(path, new ManualClock()));

        Assert.Equal(270, frames.Count); // ffmpeg -count_frames: 270; size learnt from ffmpeg's own log
        Assert.All(frames, f => Assert.Equal((720, 528), (f.Width, f.Height)));
        Assert.Equal(Enumerable.Range(0, 270).Select(i => (long)i), frames.Select(f => f.Sequence));
        Assert.All(frames, f => Assert.Null(f.PtsMicros));
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.Second.CaptureMicros >= p.First.CaptureMicros), "arrival times must not go back");
        // Same decoder family, same frames: the sampled mean brightness of each frame agrees with OpenCV's.
        Assert.Equal(reference.Count, frames.Count);
        for (int i = 0; i < frames.Count; i++)
            Assert.InRange(frames[i].MeanValue - reference[i].MeanValue, -3, 3);
        Assert.Equal(270, source.FramesReceived);
        Assert.Equal(0, source.FramesDropped);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Scaled_output_has_the_requested_size()
    {
        var source = new FfmpegVideoSource(RepoPaths.Media("vtest.avi"), MonotonicClock.Instance,
            new FfmpegVideoSourceOptions { Width = 320, Height = 240 });

        var frames = await FrameLog.RunAsync(source);

        Assert.Equal(795, frames.Count);
        Assert.All(frames, f => Assert.Equal((320, 240), (f.Width, f.Height)));
    }

    [Theory]
    [InlineData(10.0, 113)]  // frames arrive 41.708 ms apart (stepping clock): 11.26 s span, slots 0..112
    [InlineData(0.0, 270)]   // no sampling
    public async Task Fps_sampling_uses_arrival_time(double fps, int expected)
    {
        var source = new FfmpegVideoSource(RepoPaths.Media("Megamind.avi"), new SteppingClock(41_708),
            new FfmpegVideoSourceOptions { TargetFps = fps });

        var frames = await FrameLog.RunAsync(source);

        Assert.Equal(expected, frames.Count);
        Assert.Equal(270 - expected, source.FramesSkipped);
        Assert.Equal(270, source.FramesReceived);
    }

    [Fact]
    public async Task Slow_consumer_does_not_block_the_decode_loop_and_drops_are_counted()
    {
        var pool = new BufferPool<byte>();
        var source = new FfmpegVideoSource(RepoPaths.Media("Megamind.avi"), MonotonicClock.Instance, new FfmpegVideoSourceOptions { Pool = pool });
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.Wait });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Nobody reads until the run is over: a blocking source would never finish.
        await source.RunAsync(channel.Writer, cts.Token);

        Assert.Equal(270, source.FramesReceived);
        Assert.Equal(266, source.FramesDropped);
        Assert.Equal(4, pool.Outstanding); // the four frames in the channel
        var kept = new List<long>();
        while (channel.Reader.TryRead(out var frame))
            using (frame)
                kept.Add(frame.Sequence);
        Assert.Equal([0L, 1, 2, 3], kept);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task DropOldest_channel_keeps_the_newest_frames_and_leaks_nothing()
    {
        var pool = new BufferPool<byte>();
        var source = new FfmpegVideoSource(RepoPaths.Media("Megamind.avi"), MonotonicClock.Instance, new FfmpegVideoSourceOptions { Pool = pool });
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(3) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped => dropped.Dispose());

        await source.RunAsync(channel.Writer, CancellationToken.None);

        Assert.Equal(0, source.FramesDropped); // the channel dropped, not the source
        var kept = new List<long>();
        while (channel.Reader.TryRead(out var frame))
            using (frame)
                kept.Add(frame.Sequence);
        Assert.Equal([267L, 268, 269], kept);
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [InlineData("/dev/video9")]
    [InlineData("camera:9")]
    public async Task Absent_camera_is_a_clear_error_naming_the_device(string spec)
    {
        var source = new FfmpegVideoSource(spec, MonotonicClock.Instance);

        var ex = await Assert.ThrowsAsync<SourceException>(() => FrameLog.RunAsync(source));

        Assert.Contains("/dev/video9", ex.Message);
        Assert.Contains("no such camera device", ex.Message);
        Assert.False(ex.IsTransient);
        Assert.Equal(0, source.Runs); // no ffmpeg started for a device that is not there
    }

    [Fact]
    public async Task Unreachable_url_is_a_transient_error_with_the_password_redacted()
    {
        var source = new FfmpegVideoSource("rtsp://user:secret@127.0.0.1:1/cam", MonotonicClock.Instance,
            new FfmpegVideoSourceOptions { NetworkTimeout = TimeSpan.FromSeconds(3) });

        var ex = await Assert.ThrowsAsync<SourceException>(() => FrameLog.RunAsync(source));

        Assert.True(ex.IsTransient);
        Assert.Contains("rtsp://***@127.0.0.1:1/cam", ex.Message);
        Assert.Contains("Connection refused", ex.Message); // ffmpeg's own words are quoted
        Assert.DoesNotContain("secret", ex.Message);
        Assert.DoesNotContain("secret", source.Description);
        Assert.Equal(1, source.Runs);
    }

    [Fact]
    public async Task Missing_and_corrupt_files_are_non_transient_errors_naming_the_file()
    {
        string missing = Path.Combine(RepoPaths.NewTempDir(), "gone.mp4");
        var ex1 = await Assert.ThrowsAsync<SourceException>(() => FrameLog.RunAsync(new FfmpegVideoSource(missing, MonotonicClock.Instance)));
        Assert.False(ex1.IsTransient);
        Assert.Contains(missing, ex1.Message);

        string corrupt = RepoPaths.Media("corrupt.mp4");
        var ex2 = await Assert.ThrowsAsync<SourceException>(() => FrameLog.RunAsync(new FfmpegVideoSource(corrupt, MonotonicClock.Instance)));
        Assert.False(ex2.IsTransient);
        Assert.Contains(corrupt, ex2.Message);
        Assert.Contains("could not decode", ex2.Message);
        Assert.Contains("moov atom not found", ex2.Message);
    }

    [Fact]
    public void Url_options_become_ffmpeg_arguments()
    {
        var udp = new FfmpegVideoSource("rtsp://cam.local/s1", MonotonicClock.Instance,
            new FfmpegVideoSourceOptions { RtspTransport = RtspTransport.Udp, NetworkTimeout = TimeSpan.FromSeconds(3), Width = 640, Height = 360 });
        string args = string.Join(' ', udp.Arguments());
        Assert.Contains("-rtsp_transport udp -timeout 3000000 -i rtsp://cam.local/s1", args);
        Assert.DoesNotContain("-probesize", args);
        Assert.Contains("-vf scale=640:360", args);
        Assert.EndsWith("-f rawvideo -pix_fmt bgr24 pipe:1", args);

        var http = new FfmpegVideoSource("http://127.0.0.1:8080/mjpeg", MonotonicClock.Instance, new FfmpegVideoSourceOptions { FastProbe = true });
        Assert.Contains("-probesize 32 -analyzeduration 0 -rw_timeout 5000000 -i http://127.0.0.1:8080/mjpeg", string.Join(' ', http.Arguments()));
        Assert.Throws<ArgumentException>(() => new FfmpegVideoSource("ftp://x/y", MonotonicClock.Instance));
        Assert.Throws<ArgumentException>(() => new FfmpegVideoSource("a.mp4", MonotonicClock.Instance, new FfmpegVideoSourceOptions { Width = 10 }));
    }
}
