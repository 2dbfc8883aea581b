using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Alerts.Tests.Support;
using MultimodalFusion.TestSupport;
using static MultimodalFusion.Alerts.Tests.Store.SqliteEventStoreTests;

namespace MultimodalFusion.Alerts.Tests.Sinks;

/// <summary>What every <see cref="IAlertSink"/> must do behind an <see cref="OutboxDispatcher"/>; one subclass per sink with its real receiver.</summary>
public abstract class AlertSinkContract : IAsyncLifetime
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-alerts-sink");
    private IAlertSink? _sink;

    /// <summary>Dispatcher settings for tests: short retry delays, generous attempt timeout.</summary>
    internal static readonly OutboxDispatcherOptions Fast = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        AttemptTimeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>A temp folder of this test.</summary>
    protected string Dir => _dir;

    /// <summary>Starts the receiver (server, file, writer) and returns the sink that sends to it.</summary>
    protected abstract Task<IAlertSink> CreateSinkAsync();

    /// <summary>What the receiver got so far, in arrival order, one string per delivery.</summary>
    protected abstract IReadOnlyList<string> Received();

    /// <summary>What the receiver should have got for <paramref name="evt"/> serialised as <paramref name="json"/>.</summary>
    protected virtual string Expected(AlertEvent evt, string json) => json;

    /// <summary>Stops the receiver.</summary>
    protected virtual Task StopReceiverAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _sink = await CreateSinkAsync();

    [Fact]
    public async Task Delivers_every_transition_once_in_outbox_order_and_marks_it_delivered()
    {
        using var store = new SqliteEventStore(Path.Combine(_dir, "events.db"), [_sink!.Name]);
        var events = new[]
        {
            Event("gate", "evt_A", AlertState.Start), Event("yard", "evt_B", AlertState.Start, peak: 0.85),
            Event("gate", "evt_A", AlertState.Update, 1, peak: 0.97), Event("gate", "evt_A", AlertState.End, peak: 0.97),
        };
        foreach (var e in events)
            store.Append(e);
        await using var dispatcher = new OutboxDispatcher(store, _sink, Fast);

        await Poll.UntilAsync(() => dispatcher.Backlog == 0 && Received().Count >= events.Length, $"{_sink.Name}: 4 deliveries");
        var expected = events.Select(e => Expected(e, AlertEventJson.Serialize(e))).ToList();
        Assert.Equal(expected, Received());
        Assert.All(store.GetOutbox(_sink.Name), r => Assert.Equal(OutboxStatus.Delivered, r.Status));
        Assert.Equal(4, dispatcher.Delivered);
        await Poll.StaysAsync(() => Received().Count == events.Length, $"{_sink.Name}: no fifth delivery", TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync()
    {
        if (_sink is not null)
            await _sink.DisposeAsync();
        await StopReceiverAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
