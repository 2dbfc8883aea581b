using System.Threading.Channels;
using MultimodalFusion.Apps.Clips;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Tests.Clips;

public sealed class EventClipRecorderTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDir("mmf-clips");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Clip_holds_pre_roll_event_and_post_roll_and_every_buffer_goes_back()
    {
        var pool = new BufferPool<byte>();
        var frames = await TestFrames.ReadAsync("vtest.avi", pool, maxFrames: 120);
        var times = frames.Select(f => f.CaptureMicros).ToArray();
        var options = new EventClipRecorderOptions
        {
            ClipBefore = TimeSpan.FromSeconds(1), ClipAfter = TimeSpan.FromSeconds(1.5),
            StartLatency = TimeSpan.FromSeconds(1), Fps = 10, QueueCapacity = 4,
        };
        long start = times[40], end = times[70];
        var recorder = new EventClipRecorder("gate", _root, options);
        for (int i = 0; i < frames.Count; i++)
        {
            await recorder.AddFrameAsync(frames[i]);
            frames[i].Dispose(); // the test's reference; the recorder holds its own
            if (i == 48) // the rule reports a start some frames late
                await recorder.StartEventAsync("evt_test1", start);
            if (i == 75)
                await recorder.EndEventAsync("evt_test1", end);
        }
        await recorder.DisposeAsync();

        int expected = times.Count(t => t >= start - 1_000_000 && t <= end + 1_500_000);
        var clip = Assert.Single(recorder.Completed);
        Assert.Equal(recorder.ClipPathFor("evt_test1"), clip.ClipPath);
        Assert.EndsWith(Path.Combine("clips", "gate", "evt_test1.mp4"), clip.ClipPath);
        Assert.Equal(expected, clip.Frames);
        Assert.False(clip.HitMaxLength);
        using (var capture = new VideoCapture(clip.ClipPath))
        {
            Assert.True(capture.IsOpened());
            Assert.Equal(768, capture.FrameWidth);
            Assert.Equal(576, capture.FrameHeight);
            Assert.Equal(expected, (int)capture.FrameCount); // the index of a finished, ordinary mp4
            Assert.InRange(TestFrames.Count(capture), expected - 1, expected + 1);
        }
        Assert.Equal("h264", Ffprobe.Codec(clip.ClipPath));
        Assert.Equal(expected, Ffprobe.DecodableFrames(clip.ClipPath));
        Assert.False(File.Exists(recorder.PartialClipPathFor("evt_test1")));
        using (var snapshot = Cv2.ImRead(recorder.SnapshotPathFor("evt_test1")))
        {
            Assert.Equal(768, snapshot.Width);
            Assert.Equal(576, snapshot.Height);
        }
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, recorder.BufferedFrames);
    }

    [Fact]
    public async Task Clip_stops_at_max_length_while_the_event_is_open_and_ring_stays_bounded()
    {
        var pool = new BufferPool<byte>();
        var frames = await TestFrames.ReadAsync("Megamind.avi", pool, maxFrames: 150);
        var times = frames.Select(f => f.CaptureMicros).ToArray();
        var options = new EventClipRecorderOptions
        {
            ClipBefore = TimeSpan.FromSeconds(0.5), ClipAfter = TimeSpan.FromSeconds(1),
            StartLatency = TimeSpan.Zero, MaxClipLength = TimeSpan.FromSeconds(2), Fps = 24, MaxBufferedFrames = 20,
        };
        var recorder = new EventClipRecorder("hall", _root, options);
        int maxBuffered = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            await recorder.AddFrameAsync(frames[i]);
            frames[i].Dispose();
            if (i == 30)
                await recorder.StartEventAsync("evt_long", times[30]);
            maxBuffered = Math.Max(maxBuffered, recorder.BufferedFrames);
        }
        // No end: the clip must close by itself at MaxClipLength; poll rather than sleep.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (recorder.Completed.Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await recorder.DisposeAsync();

        long clipStart = times[30] - 500_000;
        int expected = times.Count(t => t >= clipStart && t <= clipStart + 2_000_000);
        var clip = Assert.Single(recorder.Completed);
        Assert.True(clip.HitMaxLength);
        Assert.Equal(expected, clip.Frames);
        using var capture = new VideoCapture(clip.ClipPath);
        Assert.InRange(TestFrames.Count(capture), expected - 1, expected + 1);
        Assert.InRange(maxBuffered, 1, 20);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Start_without_buffered_frames_writes_nothing_and_bad_ids_are_refused()
    {
        await using var recorder = new EventClipRecorder("cam", _root);
        await Assert.ThrowsAsync<ArgumentException>(async () => await recorder.StartEventAsync("../x", 0));
        await recorder.StartEventAsync("evt_none", 1_000_000);
        await recorder.DisposeAsync();
        Assert.Empty(recorder.Completed);
        Assert.False(File.Exists(recorder.ClipPathFor("evt_none")));
        Assert.Throws<ArgumentException>(() => new EventClipRecorder("a/b", _root));
        var bad = Assert.Throws<ArgumentException>(() => new EventClipRecorder("cam", _root, new EventClipRecorderOptions { Fps = 0 }));
        Assert.Contains("EventClipRecorderOptions.Fps", bad.Message);
    }
}
