using System.Text;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Tests.Support;

namespace MultimodalFusion.Alerts.Tests.Sinks;

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
