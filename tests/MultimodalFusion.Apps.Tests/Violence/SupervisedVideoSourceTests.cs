using System.Threading.Channels;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Violence;

public sealed class SupervisedVideoSourceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(1);
    private static readonly RestartPolicy s_fast = new() { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Frames_a_full_channel_refuses_count_as_drops_exactly_as_the_ffmpeg_source_counts_them()
    {
        // ffmpeg decodes vtest.avi (795 frames) far faster than nobody reads a 2-frame channel: all but 2 are refused.
        var pool = new BufferPool<byte>();
        var ffmpeg = new FfmpegVideoSource(RepoPaths.Media("vtest.avi"), MonotonicClock.Instance,
            new FfmpegVideoSourceOptions { Id = "cam", Width = 96, Height = 72, Pool = pool });
        var metrics = new StageMetrics("cam/source", MonotonicClock.Instance);
        var source = new SupervisedVideoSource(ffmpeg, metrics, RestartPolicy.Default with { MaxRestarts = 0 });
        var channel = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.Wait });

        await source.RunAsync(channel.Writer, CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(SourceState.Ended, source.State);
        Assert.Equal(2, metrics.In);
        Assert.True(ffmpeg.FramesDropped > 700, $"ffmpeg dropped {ffmpeg.FramesDropped} of {ffmpeg.FramesReceived}");
        Assert.Equal(ffmpeg.FramesDropped, source.FramesDropped);
        Assert.Equal(ffmpeg.FramesReceived, metrics.In + metrics.Dropped);
        Assert.False(channel.Reader.Completion.IsCompleted, "the loop, not the supervisor, completes the channel");
        while (channel.Reader.TryRead(out var frame))
            frame.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_dropped_live_stream_is_restarted_and_its_frames_go_on_into_the_same_channel()
    {
        var pool = new BufferPool<byte>();
        var lost = new SourceException("scripted:cam", "the stream was lost.", isTransient: true);
        var inner = new ScriptedVideoSource("cam", pool,
            new([.. ScriptedVideoSource.Frames(10, 0, 5, 0)], lost),
            new([.. ScriptedVideoSource.Frames(10, 20, 25, 0)], lost),
            new([.. ScriptedVideoSource.Frames(10, 40, 45, 0)], null));
        var metrics = new StageMetrics("cam/source", MonotonicClock.Instance);
        var source = new SupervisedVideoSource(inner, metrics, s_fast);
        var states = new List<SourceState>();
        source.StateChanged += (_, s) => { lock (states) states.Add(s); };
        var channel = Channel.CreateUnbounded<VideoFrame>();

        await source.RunAsync(channel.Writer, CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(3, inner.Runs);
        Assert.Equal(2, source.Restarts);
        Assert.Equal(15, metrics.In);
        Assert.Equal(2, metrics.Snapshot().Gaps);
        Assert.Equal(SourceState.Ended, source.State);
        lock (states)
            Assert.Equal(2, states.Count(s => s == SourceState.BackingOff));
        var micros = new List<long>();
        while (channel.Reader.TryRead(out var frame))
        {
            micros.Add(frame.CaptureMicros);
            frame.Dispose();
        }
        Assert.Equal(15, micros.Count);
        Assert.Equal(micros.Order(), micros);
    }

    [Fact]
    public async Task A_permanent_error_and_a_file_that_fails_are_thrown_to_the_loop_without_restarts()
    {
        var pool = new BufferPool<byte>();
        var missing = new SourceException("rtsp://127.0.0.1:1/cam", "no such stream.", isTransient: false);
        var live = new SupervisedVideoSource(new ScriptedVideoSource("cam", pool, new ScriptedVideoSource.Run([], missing)), new StageMetrics("a", MonotonicClock.Instance), s_fast);
        var thrown = await Assert.ThrowsAsync<SourceException>(() => live.RunAsync(Channel.CreateUnbounded<VideoFrame>().Writer, CancellationToken.None));
        Assert.Same(missing, thrown);
        Assert.Equal(SourceState.Failed, live.State);
        Assert.Equal(0, live.Restarts);

        var broken = new SourceException("clip.mp4", "decode error.", isTransient: true);
        var file = new SupervisedVideoSource(new ScriptedVideoSource("file", pool, new ScriptedVideoSource.Run([.. ScriptedVideoSource.Frames(10, 0, 3, 0)], broken)),
            new StageMetrics("b", MonotonicClock.Instance), s_fast with { MaxRestarts = 0 });
        await Assert.ThrowsAsync<SourceException>(() => file.RunAsync(Channel.CreateUnbounded<VideoFrame>().Writer, CancellationToken.None));
        Assert.Equal(0, file.Restarts);
        Assert.Equal(SourceState.Failed, file.State);
    }

    [Fact]
    public async Task Cancellation_while_reconnecting_stops_the_source_with_OperationCanceledException()
    {
        var pool = new BufferPool<byte>();
        var lost = new SourceException("scripted:cam", "the stream was lost.", isTransient: true);
        var inner = new ScriptedVideoSource("cam", pool, new ScriptedVideoSource.Run([.. ScriptedVideoSource.Frames(10, 0, 2, 0)], lost));
        var slow = new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30), UseJitter = false };
        var source = new SupervisedVideoSource(inner, new StageMetrics("cam/source", MonotonicClock.Instance), slow);
        using var stop = new CancellationTokenSource();
        var backingOff = new TaskCompletionSource();
        source.StateChanged += (_, s) => { if (s == SourceState.BackingOff) backingOff.TrySetResult(); };

        var run = source.RunAsync(Channel.CreateUnbounded<VideoFrame>().Writer, stop.Token);
        await backingOff.Task.WaitAsync(s_timeout);
        Assert.Equal(SourceState.BackingOff, source.State);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(s_timeout));
        Assert.Equal(SourceState.Stopped, source.State);
    }
}
