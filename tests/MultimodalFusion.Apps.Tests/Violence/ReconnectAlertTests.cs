using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Violence;

/// <summary>
/// An alert event in progress when a live stream drops (ViolenceApp's remarks): it continues under its id when frames
/// come back within Cutoff of its last frame above the threshold, and ends exactly once, at that frame, otherwise.
/// </summary>
public sealed class ReconnectAlertTests : IDisposable
{
    private const int Fps = 10;
    private const byte Dark = 0, Bright = 255; // the brightness model: P(violent) ~ 0 and ~ 1
    private static readonly TimeSpan s_hop = TimeSpan.FromSeconds(0.5);
    private readonly string _dir = RepoPaths.NewTempDir("mmf-violence-reconnect");
    private readonly ClockUtcMapping _mapping = new(0, new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task An_event_open_across_a_short_outage_continues_with_its_id_and_ends_once_after_it()
    {
        // Bright 2.0-3.9 s, stream lost, back at 4.5 s (0.6 s after the last bright frame: less than the 1 s cutoff),
        // bright until 5.4 s, then calm.
        var transitions = await RunAsync(
            [.. ScriptedVideoSource.Frames(Fps, 0, 20, Dark), .. ScriptedVideoSource.Frames(Fps, 20, 40, Bright)],
            [.. ScriptedVideoSource.Frames(Fps, 45, 55, Bright), .. ScriptedVideoSource.Frames(Fps, 55, 90, Dark)]);

        Assert.Equal([AlertState.Start, AlertState.End], transitions.Select(t => t.State));
        Assert.Equal(transitions[0].Id, transitions[1].Id);
        AssertNear(2.0, transitions[1].Start);
        AssertNear(5.4, transitions[1].End!.Value); // after the outage: the same event went on
    }

    [Fact]
    public async Task An_event_open_when_the_stream_stays_away_past_the_cutoff_ends_once_at_its_last_frame_before_the_outage()
    {
        // Bright 2.0-3.9 s, stream lost, back at 10 s (6 s later) with calm frames, then bright again at 16 s.
        var transitions = await RunAsync(
            [.. ScriptedVideoSource.Frames(Fps, 0, 20, Dark), .. ScriptedVideoSource.Frames(Fps, 20, 40, Bright)],
            [.. ScriptedVideoSource.Frames(Fps, 100, 160, Dark), .. ScriptedVideoSource.Frames(Fps, 160, 190, Bright),
             .. ScriptedVideoSource.Frames(Fps, 190, 220, Dark)]);

        Assert.Equal([AlertState.Start, AlertState.End, AlertState.Start, AlertState.End], transitions.Select(t => t.State));
        var first = transitions[1];
        Assert.Equal(transitions[0].Id, first.Id);
        AssertNear(3.9, first.End!.Value); // not the reconnect's time: the event's last violent frame
        Assert.NotEqual(first.Id, transitions[2].Id); // the violence after the reconnect is a new event
        AssertNear(16.0, transitions[3].Start);
    }

    // Runs one camera loop over a supervised scripted stream that drops after its first run and comes back with the second.
    private async Task<IReadOnlyList<AlertEvent>> RunAsync(IReadOnlyList<(long, byte)> beforeOutage, IReadOnlyList<(long, byte)> afterOutage)
    {
        string model = CameraScoringLoopTests.WriteBrightnessModel(Path.Combine(_dir, $"violence-{Guid.NewGuid():N}.onnx"));
        var camera = new CameraOptions { Id = "gate", Url = "rtsp://127.0.0.1:1/cam", Fps = Fps };
        var profile = new ViolenceProfileOptions
        {
            Window = TimeSpan.FromSeconds(1), Hop = s_hop, Threshold = 0.8, FramesToStart = 3,
            Cutoff = TimeSpan.FromSeconds(1), Cooldown = TimeSpan.FromSeconds(1),
        };
        var lost = new SourceException("scripted:gate", "the stream was lost.", isTransient: true);
        var pool = new BufferPool<byte>();
        var inner = new ScriptedVideoSource("gate", pool, new(beforeOutage, lost), new(afterOutage, null));
        var metrics = new StageMetrics("gate/source", MonotonicClock.Instance);
        var source = new SupervisedVideoSource(inner, metrics, new RestartPolicy { InitialDelay = TimeSpan.FromMilliseconds(20) });
        using var store = new SqliteEventStore(Path.Combine(_dir, $"events-{Guid.NewGuid():N}.db"), []);
        using var scorer = new OnnxFrameScorer(model, 64);
        var rule = new AlertRule(profile.ToAlertRuleOptions(), _mapping);
        var loop = new CameraScoringLoop(camera, profile, source, scorer, new AlertRecorder(rule, store), clips: null, _mapping);

        await loop.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, source.Restarts);
        Assert.Equal(beforeOutage.Count + afterOutage.Count, loop.FramesScored);
        Assert.Equal(0, pool.Outstanding);
        // Stored once each, in order: what the sinks will be sent.
        Assert.Equal(loop.Transitions.Select(t => t.IdempotencyKey), store.GetEvents("gate").Select(e => e.IdempotencyKey));
        return loop.Transitions.Where(t => t.State != AlertState.Update).ToList();
    }

    private void AssertNear(double seconds, DateTimeOffset at) =>
        Assert.InRange((at - _mapping.Utc).TotalSeconds, seconds - s_hop.TotalSeconds, seconds + s_hop.TotalSeconds);
}
