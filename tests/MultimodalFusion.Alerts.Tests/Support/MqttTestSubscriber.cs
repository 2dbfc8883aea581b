using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace MultimodalFusion.Alerts.Tests.Support;

/// <summary>
/// A real MQTTnet subscriber to "mmf/alerts/#" at QoS 1 with a persistent session (clean start off, session expiry 10 min), so that the
/// broker queues messages for it while it is disconnected; it reconnects by itself after a broker restart.
/// </summary>
internal sealed class MqttTestSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Topic, string Payload)> _messages = new();
    private Task? _reconnect;

    private MqttTestSubscriber(int port)
    {
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("mmf-test-sub-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(false)
            // MQTT 5 (MQTTnet 5's default protocol) drops a session when its connection closes unless it has an expiry.
            .WithSessionExpiryInterval(600)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<(string Topic, string Payload)> Messages => _messages.ToArray();

    public bool IsConnected => _client.IsConnected;

    public static async Task<MqttTestSubscriber> ConnectAsync(int port)
    {
        var sub = new MqttTestSubscriber(port);
        await sub.ConnectOnceAsync(CancellationToken.None);
        sub._reconnect = Task.Run(sub.KeepConnectedAsync);
        return sub;
    }

    private async Task ConnectOnceAsync(CancellationToken ct)
    {
        await _client.ConnectAsync(_options, ct);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic("mmf/alerts/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build(), ct);
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                    await ConnectOnceAsync(_stop.Token);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // Broker down or connect pending: try again shortly.
            }
            try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reconnect is not null)
            await _reconnect;
        try
        {
            if (_client.IsConnected)
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }
        catch (Exception) { }
        _client.Dispose();
        _stop.Dispose();
    }
}
