using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Apps.Clips;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.TestSupport;
using OpenCvSharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace MultimodalFusion.Apps.Tests.Clips;

/// <summary>
/// Clips across crashes and restarts: a SIGKILLed ffmpeg writer leaves complete frames that are published as a playable
/// clip, start-up recovery publishes or moves aside what a stopped run left, and an event that continues after a
/// restart gets its remaining part joined to the earlier one under the one clip path.
/// </summary>
public sealed class ClipRestartTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(45);
    private readonly string _root = RepoPaths.NewTempDir("mmf-clips-restart");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Writer_killed_with_SIGKILL_leaves_its_complete_frames_published_as_a_playable_clip()
    {
        var pool = new BufferPool<byte>();
        var frames = await TestFrames.ReadAsync("vtest.avi", pool, maxFrames: 45);
        var options = new EventClipRecorderOptions { Fps = 10 };
        var files = new ClipFiles(Path.Combine(_root, "clips", "gate"), "gate", options, new ClipLog());
        await KillWriterMidClipAsync(files, "evt_killed", frames, options);

        string? published = files.Publish("evt_killed", finishedCleanly: false);

        Assert.Equal(files.FinalPath("evt_killed"), published);
        Assert.False(File.Exists(files.PartialPath("evt_killed")));
        int decoded = Ffprobe.DecodableFrames(published!);
        // Keyframe (fragment) every 10 frames: the first two fragments were on disk before the kill; nothing is invented.
        Assert.InRange(decoded, 20, frames.Count);
        Assert.Equal("h264", Ffprobe.Codec(published!));
        Assert.Equal("", Ffprobe.DecodeErrors(published!));
        frames.ForEach(f => f.Dispose());
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Start_up_recovery_publishes_a_killed_runs_clip_and_moves_an_unreadable_one_aside_naming_it()
    {
        var pool = new BufferPool<byte>();
        var frames = await TestFrames.ReadAsync("vtest.avi", pool, maxFrames: 45);
        var options = new EventClipRecorderOptions { Fps = 10 };
        string folder = Path.Combine(_root, "clips", "gate");
        var files = new ClipFiles(folder, "gate", options, new ClipLog());
        await KillWriterMidClipAsync(files, "evt_a", frames, options);
        File.Copy(RepoPaths.Media("corrupt.mp4"), files.PartialPath("evt_b"));
        File.WriteAllText(Path.Combine(folder, "evt_c.join.tmp.mp4"), "scratch of an interrupted join");
        frames.ForEach(f => f.Dispose());

        var log = new ClipLog();
        await using (var recorder = new EventClipRecorder("gate", _root, options, log))
        {
            await Poll(() => recorder.Recovered.Count == 2, "recovery of two partial clips", log);
            Assert.Equal(["evt_a", "evt_b"], recorder.Recovered);
        }

        Assert.InRange(Ffprobe.DecodableFrames(files.FinalPath("evt_a")), 20, 45);
        Assert.False(File.Exists(files.FinalPath("evt_b")));
        string aside = files.PartialPath("evt_b") + ".unplayable";
        Assert.True(File.Exists(aside), log.Dump());
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains(aside, StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains(files.FinalPath("evt_a"), StringComparison.Ordinal));
        Assert.Equal(["evt_a.mp4", "evt_b.partial.mp4.unplayable"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [InlineData(true)]  // the app tells the recorder at start-up which event is still open
    [InlineData(false)] // only the end arrives: the recorder takes the buffered frames
    public async Task Event_continued_after_a_restart_gets_its_remaining_part_joined_under_the_same_clip_path(bool resumeAtStart)
    {
        var pool = new BufferPool<byte>();
        var frames = await TestFrames.ReadAsync("vtest.avi", pool, maxFrames: 100);
        var times = frames.Select(f => f.CaptureMicros).ToArray();
        var options = new EventClipRecorderOptions
        {
            ClipBefore = TimeSpan.FromSeconds(1), ClipAfter = TimeSpan.FromSeconds(1), StartLatency = TimeSpan.FromSeconds(1), Fps = 10,
        };
        // First run: the event starts at frame 20; the run stops (gracefully) at frame 49 with the event still open.
        var first = new EventClipRecorder("gate", _root, options);
        for (int i = 0; i < 50; i++)
        {
            await first.AddFrameAsync(frames[i]);
            if (i == 25)
                await first.StartEventAsync("evt_long", times[20]);
        }
        await first.DisposeAsync();
        int firstPart = Assert.Single(first.Completed).Frames;
        Assert.Equal(times[..50].Count(t => t >= times[20] - 1_000_000), firstPart);
        Assert.Equal(firstPart, Ffprobe.DecodableFrames(first.ClipPathFor("evt_long")));

        // Second run: frames 60.. (the restart's gap); the event ends at frame 75 (or, in the end-only case, before the restart).
        var log = new ClipLog();
        var second = new EventClipRecorder("gate", _root, options, log);
        if (resumeAtStart)
            await second.ResumeEventAsync("evt_long");
        long end = resumeAtStart ? times[75] : times[45];
        for (int i = 60; i < 100; i++)
        {
            await second.AddFrameAsync(frames[i]);
            if (i == 80)
                await second.EndEventAsync("evt_long", end);
        }
        await second.DisposeAsync();
        frames.ForEach(f => f.Dispose());

        var part = Assert.Single(second.Completed);
        Assert.True(part.Resumed);
        Assert.Equal(second.ClipPathFor("evt_long"), part.ClipPath);
        int expected = resumeAtStart
            ? times[60..].Count(t => t <= end + 1_000_000)
            // End-only: what the ring held at frame 80 (ClipBefore + StartLatency); the stop (first frame + ClipAfter) lies behind it.
            : times[60..81].Count(t => t >= times[80] - 2_000_000);
        Assert.Equal(expected, part.Frames);
        Assert.Equal(times[60], part.FirstFrameMicros);
        Assert.Equal(firstPart + expected, Ffprobe.DecodableFrames(part.ClipPath));
        Assert.Equal("", Ffprobe.DecodeErrors(part.ClipPath));
        Assert.Contains(log.Lines, l => l.Message.Contains("remaining part of evt_long", StringComparison.Ordinal));
        Assert.Equal(["evt_long.jpg", "evt_long.mp4"], Directory.GetFiles(Path.Combine(_root, "clips", "gate")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(0, pool.Outstanding);
    }

    // Writes 35 frames through a real ClipWriter, waits until two fragments are on disk, then SIGKILLs its ffmpeg:
    // what a killed process tree leaves behind.
    private static async Task KillWriterMidClipAsync(ClipFiles files, string eventId, List<VideoFrame> frames, EventClipRecorderOptions options)
    {
        var writer = new ClipWriter(eventId, "gate", files.PartialPath(eventId), frames[0].CaptureMicros, new Size(frames[0].Width, frames[0].Height), false, options);
        foreach (var frame in frames.Take(35))
            writer.Write(frame);
        var deadline = Stopwatch.StartNew();
        while (files.CompletePackets(files.PartialPath(eventId)) < 20)
        {
            Assert.True(deadline.Elapsed < s_timeout, $"ffmpeg wrote no two fragments of {files.PartialPath(eventId)} in {s_timeout}: {writer.StderrTail()}");
            await Task.Delay(100);
        }
        using (var ffmpeg = Process.GetProcessById(writer.ProcessId))
        {
            ffmpeg.Kill(); // SIGKILL: no trailer, no flush
            await ffmpeg.WaitForExitAsync();
        }
        Assert.False(writer.Finish()); // killed: not a clean finish
        writer.Dispose();
        Assert.True(File.Exists(files.PartialPath(eventId)));
    }

    private static async Task Poll(Func<bool> condition, string what, ClipLog log)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < s_timeout, $"no {what} in {s_timeout}:\n{log.Dump()}");
            await Task.Delay(50);
        }
    }
}
