using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Alerts.Tests.Store;

public sealed class SqliteEventStoreTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-alerts-store");

    private string DbPath => Path.Combine(_dir, "data", "events.db");

    internal static AlertEvent Event(string camera, string id, AlertState state, int seq = 0, double peak = 0.9) =>
        new(id, camera, "violence", state, new DateTimeOffset(2026, 11, 24, 20, 41, 7, 250, TimeSpan.Zero),
            state == AlertState.End ? new DateTimeOffset(2026, 11, 24, 20, 41, 9, 0, TimeSpan.Zero) : null, peak,
            new Dictionary<string, double> { ["video"] = 0.6, ["audio"] = 0.4 }, null, null, AlertEvent.KeyFor(camera, id, state, seq));

    [Fact]
    public void Opens_in_wal_mode_with_full_sync()
    {
        using var store = new SqliteEventStore(DbPath, ["webhook"]);
        Assert.Equal("wal", store.ReadPragma("journal_mode"));
        Assert.Equal("2", store.ReadPragma("synchronous"));
        Assert.True(File.Exists(DbPath));
    }

    [Fact]
    public void Append_writes_the_event_and_one_pending_row_per_sink_and_ignores_a_replayed_key()
    {
        using var store = new SqliteEventStore(DbPath, ["webhook", "mqtt"]);
        int signals = 0;
        store.OutboxChanged += () => Interlocked.Increment(ref signals);
        var start = Event("gate", "evt_A", AlertState.Start);
        Assert.True(store.Append(start));
        Assert.False(store.Append(start));
        Assert.Equal(1, signals);
        Assert.Single(store.GetEvents());
        foreach (string sink in new[] { "webhook", "mqtt" })
        {
            var row = Assert.Single(store.GetPending(sink, 10));
            Assert.Equal(OutboxStatus.Pending, row.Status);
            Assert.Equal(0, row.Attempts);
            Assert.Equal(start.IdempotencyKey, row.Event.IdempotencyKey);
            Assert.Equal(AlertEventJson.Serialize(start), row.Json);
            Assert.Equal(1, store.CountPending(sink));
        }
    }

    [Fact]
    public void Delivery_bookkeeping_survives_reopening()
    {
        long firstId;
        using (var store = new SqliteEventStore(DbPath, ["webhook"]))
        {
            store.Append(Event("gate", "evt_A", AlertState.Start));
            store.Append(Event("gate", "evt_A", AlertState.Update, 1));
            store.Append(Event("gate", "evt_A", AlertState.End));
            var rows = store.GetPending("webhook", 10);
            Assert.Equal(["gate/evt_A/start", "gate/evt_A/update/1", "gate/evt_A/end"], rows.Select(r => r.Event.IdempotencyKey));
            firstId = rows[0].Id;
            store.MarkDelivered(firstId);
            store.RecordFailure(rows[1].Id, "HTTP 503", DateTimeOffset.UnixEpoch.AddDays(1));
            store.RecordFailure(rows[1].Id, "HTTP 503 again", DateTimeOffset.UnixEpoch.AddDays(2));
            store.Park(rows[2].Id, "HTTP 400");
        }
        using (var reopened = new SqliteEventStore(DbPath, ["webhook"]))
        {
            var all = reopened.GetOutbox("webhook");
            Assert.Equal([OutboxStatus.Delivered, OutboxStatus.Pending, OutboxStatus.Parked], all.Select(r => r.Status));
            Assert.Equal(2, all[1].Attempts);
            Assert.Equal("HTTP 503 again", all[1].LastError);
            Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(2), all[1].NextAttemptUtc);
            Assert.Equal(1, reopened.CountPending("webhook"));
            Assert.Equal(all[1].Id, Assert.Single(reopened.GetPending("webhook", 10)).Id);
            Assert.Equal(3, reopened.GetEvents("gate").Count);
            Assert.Empty(reopened.GetEvents("yard"));
        }
    }

    [Fact]
    public void Rule_state_is_saved_with_the_event_and_loaded_per_kind()
    {
        var state = new AlertRuleState("gate", "violence", "evt_A", new DateTimeOffset(2026, 11, 24, 20, 41, 7, 250, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 24, 20, 41, 8, 500, TimeSpan.Zero), 0.97, new Dictionary<string, double> { ["video"] = 1.0 }, 2, null);
        using (var store = new SqliteEventStore(DbPath, ["webhook"]))
        {
            store.Append(Event("gate", "evt_A", AlertState.Start), state with { LastAboveUtc = state.StartUtc });
            store.SaveRuleState(state);
        }
        using var reopened = new SqliteEventStore(DbPath, ["webhook"]);
        var loaded = Assert.Single(reopened.LoadRuleStates("violence"));
        Assert.Equal(state.OpenEventId, loaded.OpenEventId);
        Assert.Equal(state.LastAboveUtc, loaded.LastAboveUtc);
        Assert.Equal(0.97, loaded.PeakScore);
        Assert.Equal(2, loaded.UpdateSeq);
        Assert.Equal(1.0, loaded.PeakContributions["video"]);
        Assert.Empty(reopened.LoadRuleStates("fall"));
    }

    [Fact]
    public void A_store_path_that_cannot_be_opened_is_named_in_the_error()
    {
        string path = Path.Combine(_dir, "is-a-directory");
        Directory.CreateDirectory(path);
        var ex = Assert.Throws<InvalidOperationException>(() => new SqliteEventStore(path, ["webhook"]));
        Assert.Contains(path, ex.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
