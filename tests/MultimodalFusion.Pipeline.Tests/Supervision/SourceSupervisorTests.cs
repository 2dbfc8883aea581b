using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Supervision;

public sealed class SourceSupervisorTests
{
    private readonly MetricsRegistry _registry = new(MonotonicClock.Instance);
    private readonly TestPackets _packets = new();

    private static RestartPolicy Fast(int? maxRestarts = null, TimeSpan? healthyAfter = null) => new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromSeconds(2),
        UseJitter = false,
        MaxRestarts = maxRestarts,
        HealthyAfter = healthyAfter ?? TimeSpan.FromSeconds(30),
    };

    private Channel<VideoFrame> NewChannel(string name) => PipelineChannels.Create<VideoFrame>(ChannelSpec.Lossless(name, 1000), _registry);

    private static async Task<(List<VideoFrame> Frames, Exception? Error)> DrainAsync(ChannelReader<VideoFrame> reader)
    {
        var frames = new List<VideoFrame>();
        try
        {
            await foreach (VideoFrame frame in reader.ReadAllAsync())
                frames.Add(frame);
            return (frames, null);
        }
        catch (Exception ex)
        {
            return (frames, ex);
        }
    }

    private static List<TimeSpan> RecordDelays(SourceSupervisor<VideoFrame> supervisor)
    {
        var delays = new List<TimeSpan>();
        supervisor.StateChanged += (s, state) =>
        {
            if (state == SourceState.BackingOff)
                lock (delays) delays.Add(((SourceSupervisor<VideoFrame>)s!).LastRestartDelay);
        };
        return delays;
    }

    /// <summary>
    /// Releases each expected backoff with fake time: waits until the supervisor has armed delay i, checks that one
    /// tick less than the delay does not release it and that the last tick does, then waits for the next run.
    /// </summary>
    private static async Task StepThroughBackoffsAsync(SourceSupervisor<VideoFrame> supervisor, ScriptedSource source,
        SteppedTimeProvider time, IReadOnlyList<TimeSpan> delays)
    {
        for (int i = 0; i < delays.Count; i++)
        {
            int armed = i + 1;
            await Eventually.TrueAsync(() => time.TimersCreated == armed, $"backoff {armed} to be armed");
            Assert.Equal(SourceState.BackingOff, supervisor.State);
            Assert.Equal(armed, source.Runs);
            Assert.Equal(delays[i], supervisor.LastRestartDelay);

            time.Advance(delays[i] - TimeSpan.FromTicks(1));
            Assert.Equal(i, time.TimersFired);
            Assert.Equal(armed, source.Runs);
            time.Advance(TimeSpan.FromTicks(1));
            Assert.Equal(armed, time.TimersFired);
            await Eventually.TrueAsync(() => source.Runs == armed + 1, $"run {armed + 1} to start after backoff {armed}");
        }
    }

    [Fact]
    public async Task A_failing_source_restarts_with_growing_delays_until_its_restarts_are_used_up()
    {
        // Fake time: the delays are released by Advance, not by the system timer, so they are exact on any machine.
        var time = new SteppedTimeProvider();
        var registry = new MetricsRegistry(time.Clock);
        var source = new ScriptedSource("cam1", async (run, writer, ct) =>
        {
            await writer.WriteAsync(_packets.Frame(run * 1000), ct);
            throw ScriptedSource.Dropped("cam1");
        }, time);
        var channel = PipelineChannels.Create<VideoFrame>(ChannelSpec.Lossless("cam1-out", 1000), registry);
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, registry.GetOrAdd("cam1"), Fast(maxRestarts: 4), timeProvider: time);
        List<TimeSpan> delays = RecordDelays(supervisor);
        TimeSpan[] expected = [.. new[] { 20, 40, 80, 160 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

        Task<SourceState> done = supervisor.Start();
        await StepThroughBackoffsAsync(supervisor, source, time, expected);
        SourceState end = await Eventually.WithinAsync(done, "the supervisor to give up");

        Assert.Equal(SourceState.Failed, end);
        Assert.Equal(4, supervisor.Restarts);
        Assert.Equal(5, source.Runs);
        Assert.Equal(4, time.TimersCreated);
        Assert.Equal(expected, delays);
        Assert.Equal(expected, source.IntervalsBetweenRuns());

        var (frames, error) = await DrainAsync(channel.Reader);
        Assert.Equal([0L, 1000, 2000, 3000, 4000], frames.Select(f => f.CaptureMicros));
        var sourceError = Assert.IsType<SourceException>(error);
        Assert.True(sourceError.IsTransient);

        MetricsSnapshot metrics = supervisor.Metrics.Snapshot();
        Assert.Equal(5, metrics.In);
        Assert.Equal(4, metrics.Restarts);
        Assert.Equal(4, metrics.Gaps);
        Assert.Equal(TimeSpan.FromMilliseconds(160), metrics.LongestGap);
        Assert.Equal(TimeSpan.FromMilliseconds(300), metrics.TotalGap);
        Assert.Equal(TimeSpan.Zero, metrics.OpenGap);
        Assert.Contains("stream dropped", metrics.LastError);
        frames.ForEach(f => f.Dispose());
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public async Task Jittered_delays_stay_within_the_maximum_and_differ_from_the_plain_sequence()
    {
        var source = new ScriptedSource("jitter", (run, writer, ct) => throw ScriptedSource.Dropped("jitter"));
        var channel = NewChannel("jitter-out");
        var policy = Fast(maxRestarts: 8) with { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(60), UseJitter = true };
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, _registry.GetOrAdd("jitter"), policy);
        List<TimeSpan> delays = RecordDelays(supervisor);

        Assert.Equal(SourceState.Failed, await Eventually.WithinAsync(supervisor.Start(), "the supervisor to give up"));
        Assert.Equal(8, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(60)));
        TimeSpan[] plain = [.. new[] { 10, 20, 40, 60, 60, 60, 60, 60 }.Select(ms => TimeSpan.FromMilliseconds(ms))];
        Assert.NotEqual(plain, delays);
    }

    [Fact]
    public async Task A_run_that_was_healthy_restarts_the_backoff_from_the_initial_delay()
    {
        var time = new SteppedTimeProvider();
        var source = new ScriptedSource("cam2", async (run, writer, ct) =>
        {
            await writer.WriteAsync(_packets.Frame(run), ct);
            if (run == 3)
                time.Advance(TimeSpan.FromMilliseconds(1500));   // no delay is armed while a run is in progress
            throw ScriptedSource.Dropped("cam2");
        }, time);
        var channel = NewChannel("cam2-out");
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, _registry.GetOrAdd("cam2"),
            Fast(maxRestarts: 5, healthyAfter: TimeSpan.FromSeconds(1)), timeProvider: time);
        List<TimeSpan> delays = RecordDelays(supervisor);
        TimeSpan[] expected = [.. new[] { 20, 40, 80, 20, 40 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

        Task<SourceState> done = supervisor.Start();
        await StepThroughBackoffsAsync(supervisor, source, time, expected);

        Assert.Equal(SourceState.Failed, await Eventually.WithinAsync(done, "the supervisor to give up"));
        Assert.Equal(expected, delays);
        Assert.Equal(6, source.Runs);
        Assert.Equal(expected.Select((d, i) => i == 3 ? d + TimeSpan.FromMilliseconds(1500) : d), source.IntervalsBetweenRuns());
        PipelineChannels.DisposeRemaining(channel.Reader);
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public async Task A_failing_source_does_not_disturb_a_healthy_one()
    {
        using var cts = new CancellationTokenSource();
        var failing = new ScriptedSource("bad", (run, writer, ct) => throw ScriptedSource.Dropped("bad"));
        var healthy = new ScriptedSource("good", async (run, writer, ct) =>
        {
            for (int i = 0; i < 50; i++)
            {
                await writer.WriteAsync(_packets.Frame(i * 100_000, "good"), ct);
                await Task.Delay(2, ct);
            }
        });
        var badOut = NewChannel("bad-out");
        var goodOut = NewChannel("good-out");
        var bad = new SourceSupervisor<VideoFrame>(failing, badOut.Writer, _registry.GetOrAdd("bad"), Fast());
        var good = new SourceSupervisor<VideoFrame>(healthy, goodOut.Writer, _registry.GetOrAdd("good"), Fast());
        Task<SourceState> badDone = bad.Start(cts.Token);
        Task<SourceState> goodDone = good.Start(cts.Token);

        Assert.Equal(SourceState.Ended, await Eventually.WithinAsync(goodDone, "the healthy source to end"));
        var (frames, error) = await DrainAsync(goodOut.Reader);
        Assert.Null(error);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 100_000L), frames.Select(f => f.CaptureMicros));
        Assert.Equal(0, good.Restarts);
        Assert.Equal(1, healthy.Runs);

        await Eventually.TrueAsync(() => bad.Restarts >= 3, "the failing source to keep restarting");
        Assert.False(badDone.IsCompleted);
        cts.Cancel();
        Assert.Equal(SourceState.Stopped, await Eventually.WithinAsync(badDone, "the failing supervisor to stop"));
        frames.ForEach(f => f.Dispose());
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public async Task A_permanent_error_stops_without_restart_and_is_logged_redacted()
    {
        var logger = new ListLogger();
        var source = new ScriptedSource("file", (run, writer, ct) =>
            throw new SourceException("/data/missing.mp4", "file not found", isTransient: false));
        var channel = NewChannel("file-out");
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, _registry.GetOrAdd("file"), Fast(), logger);

        Assert.Equal(SourceState.Failed, await Eventually.WithinAsync(supervisor.Start(), "the supervisor to fail"));
        Assert.Equal(0, supervisor.Restarts);
        Assert.Equal(1, source.Runs);
        Assert.Contains("file not found", supervisor.Error!.Message);
        var (_, error) = await DrainAsync(channel.Reader);
        Assert.Same(supervisor.Error, error);
        var line = Assert.Single(logger.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains("not restarting", line.Message);
        Assert.Contains("/data/missing.mp4", line.Message);
        Assert.DoesNotContain("s3cret", line.Message);
        Assert.Contains("file not found", supervisor.Metrics.LastError);
    }

    [Fact]
    public async Task An_unexpected_exception_restarts_and_a_normal_end_completes_the_output()
    {
        var source = new ScriptedSource("flaky", async (run, writer, ct) =>
        {
            await writer.WriteAsync(_packets.Frame(run), ct);
            if (run < 2)
                throw new IOException("pipe closed");
        });
        var channel = NewChannel("flaky-out");
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, _registry.GetOrAdd("flaky"), Fast());
        var states = new List<SourceState>();
        supervisor.StateChanged += (_, s) => { lock (states) states.Add(s); };

        Assert.Equal(SourceState.Ended, await Eventually.WithinAsync(supervisor.Start(), "the source to end"));
        Assert.Equal(2, supervisor.Restarts);
        var (frames, error) = await DrainAsync(channel.Reader);
        Assert.Null(error);
        Assert.Equal(3, frames.Count);
        Assert.Equal(SourceState.Ended, supervisor.State);
        lock (states)
            Assert.Equal([SourceState.Running, SourceState.BackingOff, SourceState.Starting, SourceState.Running,
                SourceState.BackingOff, SourceState.Starting, SourceState.Running, SourceState.Ended], states);
        frames.ForEach(f => f.Dispose());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancellation_stops_cleanly_while_running_or_backing_off(bool duringBackoff)
    {
        using var cts = new CancellationTokenSource();
        var source = new ScriptedSource("live", async (run, writer, ct) =>
        {
            await writer.WriteAsync(_packets.Frame(run), ct);
            if (duringBackoff)
                throw ScriptedSource.Dropped("live");
            await Task.Delay(Timeout.Infinite, ct);
        });
        var channel = NewChannel("live-out");
        var policy = Fast() with { InitialDelay = TimeSpan.FromMinutes(5), MaxDelay = TimeSpan.FromMinutes(5) };
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, _registry.GetOrAdd("live"), policy);
        Task<SourceState> done = supervisor.Start(cts.Token);
        SourceState awaited = duringBackoff ? SourceState.BackingOff : SourceState.Running;
        await Eventually.TrueAsync(() => supervisor.State == awaited, $"state {awaited}");

        cts.Cancel();
        Assert.Equal(SourceState.Stopped, await Eventually.WithinAsync(done, "the supervisor to stop"));
        Assert.Null(supervisor.Error);
        var (frames, error) = await DrainAsync(channel.Reader);
        Assert.Null(error);
        Assert.Single(frames);
        frames.ForEach(f => f.Dispose());
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public async Task An_output_closed_by_someone_else_is_not_restarted_forever()
    {
        var channel = NewChannel("closed-out");
        channel.Writer.Complete();
        var source = new ScriptedSource("late", async (run, writer, ct) => await writer.WriteAsync(_packets.Frame(run), ct));
        var supervisor = new SourceSupervisor<VideoFrame>(source, channel.Writer, _registry.GetOrAdd("late"), Fast());

        Assert.Equal(SourceState.Failed, await Eventually.WithinAsync(supervisor.Start(), "the supervisor to fail"));
        Assert.Equal(0, supervisor.Restarts);
        Assert.IsType<ChannelClosedException>(supervisor.Error);
    }

    [Fact]
    public void Bad_policies_are_refused_with_the_setting_named()
    {
        var channel = NewChannel("x");
        var source = new ScriptedSource("x", (_, _, _) => Task.CompletedTask);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SourceSupervisor<VideoFrame>(source, channel.Writer, _registry.GetOrAdd("x"), new RestartPolicy { InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) }));
        Assert.Contains("MaxDelay", ex.Message);
    }
}
