using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Alerts.Tests.Rules;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Alerts.Tests.Delivery;

/// <summary>Rule + store on a real file: a process that stops mid-event and a new one that opens the same file.</summary>
public sealed class AlertRecorderTests : IDisposable
{
    private static readonly DateTimeOffset Origin = AlertRuleTests.Origin;
    private readonly string _dir = RepoPaths.NewTempDir("mmf-alerts-recorder");

    private string DbPath => Path.Combine(_dir, "events.db");

    private AlertRecorder NewProcess(SqliteEventStore store, ClockUtcMapping mapping) =>
        new(new AlertRule(AlertRuleTests.Options(), mapping), store);

    /// <summary>Frames at 10 fps from <paramref name="fromMicros"/>; returns the transitions.</summary>
    private static List<AlertEvent> Feed(AlertRecorder recorder, long fromMicros, IEnumerable<double> scores)
    {
        var transitions = new List<AlertEvent>();
        long t = fromMicros;
        foreach (double score in scores)
        {
            if (recorder.Observe("gate", t, score) is { } evt)
                transitions.Add(evt);
            t += 100_000;
        }
        return transitions;
    }

    [Fact]
    public void A_restarted_process_continues_the_open_event_instead_of_starting_a_duplicate()
    {
        string id;
        using (var store = new SqliteEventStore(DbPath, ["webhook"]))
        {
            // 3.0 s above: start at 0.2 s, checkpoints while open; the process "dies" at 3.0 s without an end.
            var first = Feed(NewProcess(store, new ClockUtcMapping(0, Origin)), 0, Enumerable.Repeat(0.9, 30));
            id = Assert.Single(first).Id;
            var saved = Assert.Single(store.LoadRuleStates("violence"));
            Assert.Equal(id, saved.OpenEventId);
            // Checkpointed at most UpdateInterval (1 s) behind the last frame above (2.9 s).
            Assert.Equal(Origin.AddMilliseconds(2200), saved.LastAboveUtc);
        }
        using (var store = new SqliteEventStore(DbPath, ["webhook"]))
        {
            // The new process's clock starts at 0 at 20:41:02.800 UTC, within the 1 s cutoff of the checkpoint (2.2 s).
            var second = NewProcess(store, new ClockUtcMapping(0, Origin.AddMilliseconds(2800)));
            Assert.True(second.Rule.IsOpen("gate"));
            var transitions = Feed(second, 0, Enumerable.Repeat(0.95, 5).Concat(Enumerable.Repeat(0.1, 15)));
            Assert.Equal([AlertState.Update, AlertState.End], transitions.Select(e => e.State));
            Assert.All(transitions, e => Assert.Equal(id, e.Id));
            Assert.Equal(Origin.AddMilliseconds(3200), transitions[^1].End);
            var stored = store.GetEvents("gate");
            Assert.Single(stored, e => e.State == AlertState.Start);
            Assert.Equal(AlertState.End, stored[^1].State);
            Assert.Equal(stored.Count, store.CountPending("webhook"));
            Assert.False(Assert.Single(store.LoadRuleStates("violence")).IsOpen);
        }
    }

    [Fact]
    public void A_process_restarted_after_the_cutoff_closes_the_open_event_at_its_last_known_frame_above()
    {
        using (var store = new SqliteEventStore(DbPath, ["webhook"]))
            Feed(NewProcess(store, new ClockUtcMapping(0, Origin)), 0, Enumerable.Repeat(0.9, 5));
        using (var store = new SqliteEventStore(DbPath, ["webhook"]))
        {
            var second = NewProcess(store, new ClockUtcMapping(0, Origin.AddMinutes(10)));
            var transitions = Feed(second, 0, Enumerable.Repeat(0.9, 20));
            // The end comes with the first frame; the 5 s cooldown from there holds back a new start.
            var end = Assert.Single(transitions);
            Assert.Equal(AlertState.End, end.State);
            // Frames 0.3 s and 0.4 s came before the next checkpoint was due: the last persisted frame above is 0.2 s.
            Assert.Equal(Origin.AddMilliseconds(200), end.End);
            Assert.Equal(["start", "end"], store.GetEvents("gate").Select(e => e.State.ToString().ToLowerInvariant()));
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
