using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Alerts.Tests.Support;
using MultimodalFusion.TestSupport;
using static MultimodalFusion.Alerts.Tests.Store.SqliteEventStoreTests;

namespace MultimodalFusion.Alerts.Tests.Sinks;

/// <summary>A real mosquitto stopped while an event is raised, then started again on the same port and persistence dir.</summary>
public sealed class MqttSinkOutageTests : IAsyncLifetime
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-alerts-mqtt");
    private MosquittoBroker? _broker;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    [Fact]
    public async Task An_event_raised_while_the_broker_is_down_stays_pending_and_arrives_exactly_once_after_it_returns()
    {
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(_broker!.Port);
        using var store = new SqliteEventStore(Path.Combine(_dir, "events.db"), ["mqtt"]);
        await using var sink = new MqttSink(new MqttSinkOptions { Port = _broker.Port, ConnectTimeout = TimeSpan.FromSeconds(3) });
        await using var dispatcher = new OutboxDispatcher(store, sink, AlertSinkContract.Fast);
        var before = Event("gate", "evt_A", AlertState.Start);
        store.Append(before);
        await Poll.UntilAsync(() => subscriber.Messages.Count == 1, "the first event over MQTT");

        await _broker.StopAsync();
        var during = Event("gate", "evt_A", AlertState.End);
        store.Append(during);
        await Poll.UntilAsync(() => dispatcher.FailedAttempts >= 3, "three failed publishes while the broker is down");
        var row = store.GetPending("mqtt", 10).Single();
        Assert.Equal(during.IdempotencyKey, row.Event.IdempotencyKey);
        Assert.True(row.Attempts >= 3, $"attempts {row.Attempts}");
        Assert.Contains($"mqtt://127.0.0.1:{_broker.Port}", row.LastError);

        await _broker.StartAgainAsync();
        string expected = AlertEventJson.Serialize(during);
        await Poll.UntilAsync(() => subscriber.Messages.Any(m => m.Payload == expected) && dispatcher.Backlog == 0,
            "the event raised during the outage to arrive after the broker came back", describe: () =>
                $"backlog {dispatcher.Backlog}, failed attempts {dispatcher.FailedAttempts}, last error '{store.GetOutbox("mqtt")[1].LastError}', " +
                $"subscriber connected {subscriber.IsConnected} with {subscriber.Messages.Count} messages; broker log:\n{_broker.Log}");
        await Poll.StaysAsync(() => subscriber.Messages.Count(m => m.Payload == expected) == 1, "exactly one copy", TimeSpan.FromSeconds(2));
        Assert.Equal(["mmf/alerts/gate", "mmf/alerts/gate"], subscriber.Messages.Select(m => m.Topic));
        Assert.Equal(OutboxStatus.Delivered, store.GetOutbox("mqtt")[1].Status);
    }

    [Fact]
    public async Task A_publish_to_a_closed_port_is_a_transient_failure_naming_the_broker()
    {
        int port = FreePort.Next();
        await using var sink = new MqttSink(new MqttSinkOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(3) });
        var evt = Event("gate", "evt_A", AlertState.Start);
        var ex = await Assert.ThrowsAsync<AlertDeliveryException>(() => sink.DeliverAsync(evt, AlertEventJson.Serialize(evt), CancellationToken.None));
        Assert.False(ex.Permanent);
        Assert.Contains($"mqtt://127.0.0.1:{port}", ex.Message);
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
            await _broker.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
