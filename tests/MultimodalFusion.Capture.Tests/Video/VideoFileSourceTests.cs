using System.Threading.Channels;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Video;

public sealed class VideoFileSourceTests
{
    // Known values, from ffprobe -count_frames -show_frames:
    // - Megamind.avi: 720x528, time base 125/2997 s (23.976 fps). A DivX "packed bitstream" AVI: ffprobe
    //   counts 270 frames; best_effort_timestamp of frame i is (i + 1) * 125/2997 s (the decoder's
    //   one-frame delay puts frame 0 at 41.708 ms), except the 270th, a placeholder flushed at the end
    //   with no timestamp, which the source places one frame after the 269th.
    // - megamind-gop25.mp4 (H.264, -bf 0): 271 frames, PTS i * 500 / 11988 s.
    // - vtest.avi: 768x576, 795 frames at exactly 10 fps.

    [Fact]
    public async Task Megamind_avi_gives_every_frame_with_container_pts()
    {
        var pool = new BufferPool<byte>();
        var source = new VideoFileSource(RepoPaths.Media("Megamind.avi"), new ManualClock(),
            new VideoFileSourceOptions { Id = "mm", OriginMicros = 5_000_000, Pool = pool });

        var frames = await FrameLog.RunAsync(source);

        Assert.Equal(270, frames.Count);
        Assert.Equal(270, source.FramesDecoded);
        Assert.Equal(1, source.TimestampsEstimated);
        Assert.Equal(0, source.TimestampRegressions);
        Assert.All(frames, f => Assert.Equal((720, 528), (f.Width, f.Height)));
        for (int i = 0; i < frames.Count; i++)
        {
            long expected = (long)Math.Round((i + 1) * 125e6 / 2997);
            Assert.Equal(i, frames[i].Sequence);
            Assert.InRange(frames[i].PtsMicros!.Value, expected - 1000, expected + 1000);
            Assert.Equal(5_000_000 + frames[i].PtsMicros!.Value, frames[i].CaptureMicros);
        }
        // Real pictures, not zeroed buffers (the clip opens on a black frame).
        Assert.InRange(frames.Count(f => f.MeanValue is > 5 and < 250), 250, 270);
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(270, pool.TotalRented);
    }

    [Fact]
    public async Task H264_mp4_gives_271_frames_with_exact_pts()
    {
        var source = new VideoFileSource(RepoPaths.Media("megamind-gop25.mp4"), new ManualClock(), new VideoFileSourceOptions { OriginMicros = 0 });

        var frames = await FrameLog.RunAsync(source);

        Assert.Equal(271, frames.Count);
        for (int i = 0; i < frames.Count; i++)
            Assert.InRange(frames[i].PtsMicros!.Value - i * 500e6 / 11988, -1, 1); // microsecond rounding only
    }

    [Fact]
    public async Task Vtest_avi_gives_795_frames_100_ms_apart()
    {
        var source = new VideoFileSource(RepoPaths.Media("vtest.avi"), new ManualClock(), new VideoFileSourceOptions { OriginMicros = 0 });

        var frames = await FrameLog.RunAsync(source);

        Assert.Equal(795, frames.Count);
        Assert.All(frames, f => Assert.Equal((768, 576), (f.Width, f.Height)));
        Assert.Equal(Enumerable.Range(0, 795).Select(i => i * 100_000L), frames.Select(f => f.PtsMicros!.Value));
        Assert.Equal(0, source.TimestampRegressions);
    }

    [Theory]
    [InlineData("vtest.avi", 5.0, 398)]       // 795 frames at 10 fps: every second frame
    [InlineData("vtest.avi", 2.5, 199)]       // every fourth
    [InlineData("Megamind.avi", 10.0, 113)]   // 269 * 125/2997 s = 11.22 s after the first frame: slots 0..112
    public async Task Fps_sampling_keeps_one_frame_per_slot_by_pts(string file, double fps, int expectedFrames)
    {
        var source = new VideoFileSource(RepoPaths.Media(file), new ManualClock(), new VideoFileSourceOptions { TargetFps = fps, OriginMicros = 0 });

        var frames = await FrameLog.RunAsync(source);

        Assert.Equal(expectedFrames, frames.Count);
        long slot = (long)(1_000_000 / fps);
        var slots = frames.Select(f => f.PtsMicros!.Value / slot).ToList();
        Assert.Equal(slots.Distinct().Count(), slots.Count);   // at most one frame per slot
        Assert.Equal(Enumerable.Range(0, expectedFrames).Select(i => (long)i), frames.Select(f => f.Sequence)); // no sequence gaps
    }

    [Fact]
    public async Task Realtime_pacing_waits_for_the_clock_and_unpaced_does_not()
    {
        var clock = new ManualClock(1_000_000);
        var paced = new VideoFileSource(RepoPaths.Media("vtest.avi"), clock, new VideoFileSourceOptions { Realtime = true });
        var channel = Channel.CreateUnbounded<VideoFrame>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var run = paced.RunAsync(channel.Writer, cts.Token);

        using (var first = await channel.Reader.ReadAsync(cts.Token))
            Assert.Equal(1_000_000, first.CaptureMicros); // origin = clock time at start; PTS 0
        // The clock has not moved: frame 1 (PTS 100 ms) must not come. Give the source ample time to misbehave.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(channel.Reader.TryRead(out _));

        clock.Advance(TimeSpan.FromMilliseconds(250)); // now at PTS 250 ms: frames 1 and 2 are due, 3 is not
        var due = new List<long>();
        for (int i = 0; i < 2; i++)
            using (var f = await channel.Reader.ReadAsync(cts.Token))
                due.Add(f.PtsMicros!.Value);
        Assert.Equal([100_000L, 200_000L], due);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(channel.Reader.TryRead(out _));

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // Unpaced, the same frozen clock lets the whole file through.
        var unpaced = new VideoFileSource(RepoPaths.Media("vtest.avi"), clock, new VideoFileSourceOptions { Realtime = false });
        var frames = await FrameLog.RunAsync(unpaced);
        Assert.Equal(795, frames.Count);
    }

    [Fact]
    public async Task Missing_file_is_a_non_transient_error_naming_the_file()
    {
        string path = Path.Combine(RepoPaths.NewTempDir(), "no-such-clip.mp4");
        var source = new VideoFileSource(path, new ManualClock());

        var ex = await Assert.ThrowsAsync<SourceException>(() => FrameLog.RunAsync(source));

        Assert.False(ex.IsTransient);
        Assert.Contains(path, ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public async Task Corrupt_file_is_a_non_transient_error_naming_the_file()
    {
        string path = RepoPaths.Media("corrupt.mp4");
        var pool = new BufferPool<byte>();
        var source = new VideoFileSource(path, new ManualClock(), new VideoFileSourceOptions { Pool = pool });

        var ex = await Assert.ThrowsAsync<SourceException>(() => FrameLog.RunAsync(source));

        Assert.False(ex.IsTransient);
        Assert.Contains(path, ex.Message);
        Assert.Contains("cannot open", ex.Message);
        Assert.Equal(0, pool.TotalRented);
    }

    [Fact]
    public async Task A_second_run_continues_the_sequence_numbers_on_the_same_origin()
    {
        var source = new VideoFileSource(RepoPaths.Media("vtest.avi"), new ManualClock(42), new VideoFileSourceOptions { TargetFps = 1 });

        var first = await FrameLog.RunAsync(source);
        var second = await FrameLog.RunAsync(source);

        Assert.Equal(80, first.Count);  // 79.4 s of frames: slots 0..79
        Assert.Equal(80, second.Count);
        Assert.Equal(80, second[0].Sequence);
        Assert.Equal(42, second[0].CaptureMicros);
        Assert.Equal(42, source.OriginMicros);
    }
}
