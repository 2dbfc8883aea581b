using System.Text;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Tests.Support;

namespace MultimodalFusion.Alerts.Tests.Sinks;

/// <summary>The webhook sink against a real HTTP listener on 127.0.0.1 that checks the HMAC signature.</summary>
public sealed class WebhookSinkContractTests : AlertSinkContract
{
    private WebhookReceiver? _receiver;

    protected override Task<IAlertSink> CreateSinkAsync()
    {
        _receiver = new WebhookReceiver("contract-secret");
        return Task.FromResult<IAlertSink>(new WebhookSink(new WebhookSinkOptions { Url = _receiver.Url, Secret = "contract-secret" }));
    }

    protected override IReadOnlyList<string> Received() =>
        _receiver!.Requests.Where(r => r.Status == 200).OrderBy(r => r.Number).Select(r => r.Body).ToList();

    protected override async Task StopReceiverAsync() => await _receiver!.DisposeAsync();
}

/// <summary>The MQTT sink against a real mosquitto (tools/mosquitto.sh) and a real MQTTnet subscriber.</summary>
public sealed class MqttSinkContractTests : AlertSinkContract
{
    private MosquittoBroker? _broker;
    private MqttTestSubscriber? _subscriber;

    protected override async Task<IAlertSink> CreateSinkAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _subscriber = await MqttTestSubscriber.ConnectAsync(_broker.Port);
        return new MqttSink(new MqttSinkOptions { Port = _broker.Port });
    }

    // The topic is part of what is checked: each camera publishes to its own.
    protected override IReadOnlyList<string> Received() => _subscriber!.Messages.Select(m => m.Topic + " " + m.Payload).ToList();

    protected override string Expected(AlertEvent evt, string json) => $"mmf/alerts/{evt.Camera} {json}";

    protected override async Task StopReceiverAsync()
    {
        if (_subscriber is not null)
            await _subscriber.DisposeAsync();
        if (_broker is not null)
            await _broker.DisposeAsync();
    }
}

/// <summary>The JSONL sink against a real file, read back line by line.</summary>
public sealed class JsonlSinkContractTests : AlertSinkContract
{
    private string Path_ => Path.Combine(Dir, "out", "alerts.jsonl");

    protected override Task<IAlertSink> CreateSinkAsync() => Task.FromResult<IAlertSink>(new JsonlSink(Path_));

    protected override IReadOnlyList<string> Received()
    {
        if (!File.Exists(Path_))
            return [];
        using var stream = new FileStream(Path_, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Only complete lines count: a reader racing the writer may see half a line.
        var text = reader.ReadToEnd();
        return text.Split('\n')[..^1];
    }
}

/// <summary>The console sink against a writer it does not own.</summary>
public sealed class ConsoleSinkContractTests : AlertSinkContract
{
    private readonly StringWriter _writer = new();

    protected override Task<IAlertSink> CreateSinkAsync() => Task.FromResult<IAlertSink>(new ConsoleSink(TextWriter.Synchronized(_writer)));

    protected override IReadOnlyList<string> Received()
    {
        lock (_writer)
            return _writer.ToString().Split(Environment.NewLine)[..^1];
    }

    protected override string Expected(AlertEvent evt, string json) => ConsoleSink.Format(evt);

    [Fact]
    public void Formats_one_readable_line()
    {
        var evt = Store.SqliteEventStoreTests.Event("gate", "evt_A", AlertState.End, peak: 0.93);
        Assert.Equal("ALERT end gate violence evt_A peak=0.930 start=2026-11-24T20:41:07.250Z end=2026-11-24T20:41:09.000Z clip=-",
            ConsoleSink.Format(evt));
    }
}
