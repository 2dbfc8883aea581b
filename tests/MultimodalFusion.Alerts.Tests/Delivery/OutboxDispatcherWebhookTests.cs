using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Alerts.Tests.Support;
using MultimodalFusion.TestSupport;
using static MultimodalFusion.Alerts.Tests.Store.SqliteEventStoreTests;

namespace MultimodalFusion.Alerts.Tests.Delivery;

/// <summary>The dispatcher against a real HTTP listener on 127.0.0.1: retries, parking, order, crash and redelivery.</summary>
public sealed class OutboxDispatcherWebhookTests : IDisposable
{
    private const string Secret = "s3cret";
    private static readonly OutboxDispatcherOptions Fast = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        AttemptTimeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(200),
    };

    private readonly string _dir = RepoPaths.NewTempDir("mmf-alerts-webhook");

    private string DbPath => Path.Combine(_dir, "events.db");

    private static WebhookSink Sink(WebhookReceiver receiver) => new(new WebhookSinkOptions { Url = receiver.Url, Secret = Secret });

    [Fact]
    public async Task Server_errors_are_retried_until_acknowledged_with_key_and_valid_signature()
    {
        await using var receiver = new WebhookReceiver(Secret) { StatusFor = (n, _) => n <= 2 ? 503 : 200 };
        using var store = new SqliteEventStore(DbPath, ["webhook"]);
        await using var sink = Sink(receiver);
        await using var dispatcher = new OutboxDispatcher(store, sink, Fast);
        var evt = Event("gate", "evt_A", AlertState.Start);
        store.Append(evt);

        await Poll.UntilAsync(() => dispatcher.Backlog == 0, "the webhook row to be delivered");
        Assert.Equal([503, 503, 200], receiver.Requests.OrderBy(r => r.Number).Select(r => r.Status));
        Assert.All(receiver.Requests, r => Assert.Equal("gate/evt_A/start", r.Key));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        Assert.Equal(AlertEventJson.Serialize(evt), receiver.AcceptedBodies["gate/evt_A/start"]);
        var row = Assert.Single(store.GetOutbox("webhook"));
        Assert.Equal(OutboxStatus.Delivered, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Contains("HTTP 503", row.LastError);
        Assert.Equal(2, dispatcher.FailedAttempts);
    }

    [Fact]
    public async Task A_client_error_parks_the_row_and_later_rows_still_go_out_in_order()
    {
        await using var receiver = new WebhookReceiver(Secret)
        {
            StatusFor = (n, key) => key == "gate/evt_A/update/1" ? 400 : key == "gate/evt_A/start" && n == 1 ? 429 : 200,
        };
        using var store = new SqliteEventStore(DbPath, ["webhook"]);
        store.Append(Event("gate", "evt_A", AlertState.Start));
        store.Append(Event("gate", "evt_A", AlertState.Update, 1));
        store.Append(Event("gate", "evt_A", AlertState.Update, 2));
        store.Append(Event("gate", "evt_A", AlertState.End));
        await using var sink = Sink(receiver);
        await using var dispatcher = new OutboxDispatcher(store, sink, Fast);

        await Poll.UntilAsync(() => dispatcher.Backlog == 0, "all webhook rows to be delivered or parked");
        Assert.Equal(["gate/evt_A/start", "gate/evt_A/update/2", "gate/evt_A/end"], receiver.AcceptedKeys);
        Assert.Equal(["gate/evt_A/start", "gate/evt_A/start", "gate/evt_A/update/1", "gate/evt_A/update/2", "gate/evt_A/end"],
            receiver.Requests.OrderBy(r => r.Number).Select(r => r.Key));
        var rows = store.GetOutbox("webhook");
        Assert.Equal([OutboxStatus.Delivered, OutboxStatus.Parked, OutboxStatus.Delivered, OutboxStatus.Delivered], rows.Select(r => r.Status));
        Assert.Contains("HTTP 400", rows[1].LastError);
        Assert.Equal(1, dispatcher.Parked);
    }

    [Fact]
    public async Task Rows_left_pending_by_a_dispatcher_stopped_mid_delivery_are_delivered_after_reopening_and_counted_once_by_key()
    {
        await using var receiver = new WebhookReceiver(Secret);
        receiver.Hold.Add(1);
        var events = new[]
        {
            Event("gate", "evt_A", AlertState.Start), Event("yard", "evt_B", AlertState.Start),
            Event("gate", "evt_A", AlertState.End), Event("yard", "evt_B", AlertState.End),
        };
        using (var store = new SqliteEventStore(DbPath, ["webhook"]))
        {
            foreach (var e in events)
                store.Append(e);
            await using var sink = Sink(receiver);
            var dispatcher = new OutboxDispatcher(store, sink, Fast);
            // The receiver has processed the first request but not answered yet: stop the process now, before the ack.
            await Poll.UntilAsync(() => receiver.Requests.Count == 1, "the first webhook request to arrive");
            await dispatcher.DisposeAsync();
            Assert.Equal(4, store.CountPending("webhook"));
        }
        receiver.ReleaseHeld();
        using (var reopened = new SqliteEventStore(DbPath, ["webhook"]))
        {
            await using var sink = Sink(receiver);
            await using var dispatcher = new OutboxDispatcher(reopened, sink, Fast);
            await Poll.UntilAsync(() => dispatcher.Backlog == 0, "the pending rows to be delivered after the restart");
            Assert.Equal(4, dispatcher.Delivered);
        }
        // The first event reached the receiver twice (sent, not acknowledged, sent again); deduplicated by key it counts once.
        var keys = events.Select(e => e.IdempotencyKey).ToArray();
        Assert.Equal(keys, receiver.AcceptedKeys);
        Assert.Equal(5, receiver.Requests.Count);
        Assert.Equal(2, receiver.Requests.Count(r => r.Key == keys[0]));
    }

    [Fact]
    public void A_dispatcher_for_a_sink_the_store_does_not_know_is_refused()
    {
        using var store = new SqliteEventStore(DbPath, ["mqtt"]);
        var ex = Assert.Throws<ArgumentException>(() => new OutboxDispatcher(store, new ConsoleSink(TextWriter.Null, "console"), Fast));
        Assert.Contains("'console'", ex.Message);
    }

    [Fact]
    public void Webhook_options_name_the_bad_value_with_credentials_redacted()
    {
        var ex = Assert.Throws<ArgumentException>(() => new WebhookSink(new WebhookSinkOptions { Url = "ftp://user:hunter2@host/x" }));
        Assert.Contains("WebhookSinkOptions.Url", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
