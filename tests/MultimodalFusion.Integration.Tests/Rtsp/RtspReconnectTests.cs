using System.Diagnostics;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;
using Xunit.Abstractions;

namespace MultimodalFusion.Integration.Tests.Rtsp;

/// <summary>
/// A real RTSP server (gst-rtsp-server, tools/rtsp-server.py) on loopback, read by <see cref="FfmpegVideoSource"/>
/// under the pipeline's <see cref="SourceSupervisor{T}"/>: the server dies and comes back, or freezes.
/// </summary>
public sealed class RtspReconnectTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(60);

    // Small delays so that the backoff does not dominate the measured resume time.
    private static readonly RestartPolicy s_fastRestarts = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        HealthyAfter = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task Frames_resume_within_2_s_after_the_killed_server_returns()
    {
        await using var server = await RtspTestServer.StartAsync();
        var pool = new BufferPool<byte>();
        var source = NewSource(server.Url, pool, stall: TimeSpan.FromSeconds(2));
        var metrics = new StageMetrics("cam", MonotonicClock.Instance);
        var channel = PipelineChannels.Create<VideoFrame>(ChannelSpec.Live("cam-frames", 8), new StageMetrics("cam-frames", MonotonicClock.Instance));
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, metrics, s_fastRestarts);
        var tally = new FrameTally(channel.Reader);
        using var stop = new CancellationTokenSource();
        var completion = supervisor.Start(stop.Token);

        await FrameTally.WaitUntilAsync(() => tally.Count >= 25, s_long, () => $"25 frames before the outage; got {tally.Count}. Server: {server.Process?.Output}");
        await server.KillAsync();
        long killed = Stopwatch.GetTimestamp();
        // The outage: the source must notice, fail and be restarted (refused connections) while the server is away.
        await FrameTally.WaitUntilAsync(() => supervisor.Restarts >= 2, s_long, () => $"restarts while the server is down; got {supervisor.Restarts}");
        Assert.Equal(0, tally.CountAfter(killed + Stopwatch.Frequency / 2)); // nothing from a dead server (0.5 s of slack for frames in flight)

        await server.RestartAsync();
        long back = Stopwatch.GetTimestamp();
        await FrameTally.WaitUntilAsync(() => tally.CountAfter(back) >= 10, s_long, () => $"frames after the server returned; last error: {metrics.LastError}");

        double resumeSeconds = (tally.FirstAfter(back)!.Value - back) / (double)Stopwatch.Frequency;
        var snapshot = metrics.Snapshot();
        output.WriteLine($"first frame {resumeSeconds:F2} s after the server's ready line; restarts {supervisor.Restarts}; gaps {snapshot.Gaps}, longest {snapshot.LongestGap.TotalSeconds:F2} s; last error: {snapshot.LastError}");
        Assert.InRange(resumeSeconds, 0, 2.0);
        Assert.True(snapshot.Restarts >= 1);
        Assert.True(snapshot.Gaps >= 1, "the outage must show as a gap");
        Assert.True(snapshot.LongestGap > TimeSpan.FromSeconds(0.3), $"the gap must span the outage; longest {snapshot.LongestGap}");
        Assert.Equal(SourceState.Running, supervisor.State);

        stop.Cancel();
        Assert.Equal(SourceState.Stopped, await completion.WaitAsync(s_long));
        await tally.Completion.WaitAsync(s_long);
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [InlineData(RtspTransport.Tcp)]
    [InlineData(RtspTransport.Udp)] // over UDP ffmpeg itself may wait forever on a frozen server
    public async Task A_frozen_server_is_detected_as_a_stall_and_the_stream_resumes_when_it_thaws(RtspTransport transport)
    {
        await using var server = await RtspTestServer.StartAsync();
        var pool = new BufferPool<byte>();
        // ffmpeg's own socket timeout (5 s) is longer than the stall limit: the watchdog must be what notices.
        var source = NewSource(server.Url, pool, stall: TimeSpan.FromSeconds(2), transport);
        var metrics = new StageMetrics("cam", MonotonicClock.Instance);
        var channel = PipelineChannels.Create<VideoFrame>(ChannelSpec.Live("cam-frames", 8), new StageMetrics("cam-frames", MonotonicClock.Instance));
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, metrics, s_fastRestarts);
        var tally = new FrameTally(channel.Reader);
        using var stop = new CancellationTokenSource();
        var completion = supervisor.Start(stop.Token);

        await FrameTally.WaitUntilAsync(() => tally.Count >= 25, s_long, () => $"25 frames before the freeze; got {tally.Count}");
        server.Process!.Signal("STOP");
        long frozen = Stopwatch.GetTimestamp();
        await FrameTally.WaitUntilAsync(() => metrics.LastError?.Contains("stalled") == true, TimeSpan.FromSeconds(30),
            () => $"a stall error; last error: {metrics.LastError}");
        double detectSeconds = Stopwatch.GetElapsedTime(frozen).TotalSeconds;
        output.WriteLine($"stall reported {detectSeconds:F2} s after SIGSTOP: {metrics.LastError}");
        Assert.Contains(server.Url, metrics.LastError);
        Assert.InRange(detectSeconds, 1.5, 15); // StallTimeout 2 s, minus frames already in flight, plus slack for a loaded machine
        // The supervisor records the error before its retry strategy counts the restart.
        await FrameTally.WaitUntilAsync(() => supervisor.Restarts >= 1, s_long, () => "a restart after the stall");
        Assert.NotEqual(SourceState.Failed, supervisor.State);

        server.Process.Signal("CONT");
        long thawed = Stopwatch.GetTimestamp();
        await FrameTally.WaitUntilAsync(() => tally.CountAfter(thawed) >= 10, s_long, () => $"frames after SIGCONT; last error: {metrics.LastError}");

        stop.Cancel();
        Assert.Equal(SourceState.Stopped, await completion.WaitAsync(s_long));
        await tally.Completion.WaitAsync(s_long);
        Assert.Equal(0, pool.Outstanding);
    }

    private static FfmpegVideoSource NewSource(string url, BufferPool<byte> pool, TimeSpan stall, RtspTransport transport = RtspTransport.Tcp) => new(url, MonotonicClock.Instance, new FfmpegVideoSourceOptions
    {
        RtspTransport = transport,
        Id = "cam",
        Width = 360,
        Height = 264,  // half size: less work for a 2-core machine
        FastProbe = true,
        NetworkTimeout = TimeSpan.FromSeconds(5),
        FirstFrameTimeout = TimeSpan.FromSeconds(10),
        StallTimeout = stall,
        Pool = pool,
    });
}
