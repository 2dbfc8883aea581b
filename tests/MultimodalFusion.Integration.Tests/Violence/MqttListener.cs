using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>
/// An MQTTnet subscriber to "mmf/alerts/#" at QoS 1 with a persistent session (clean start off, 10 min expiry): the
/// broker keeps its subscription and queues messages for it across a broker restart; it reconnects by itself.
/// </summary>
internal sealed class MqttListener : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Topic, string Payload)> _messages = new();
    private Task? _keepAlive;

    private MqttListener(int port)
    {
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("mmf-violence-test-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(false)
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

    public static async Task<MqttListener> ConnectAsync(int port)
    {
        var listener = new MqttListener(port);
        await listener.ConnectOnceAsync(CancellationToken.None);
        listener._keepAlive = Task.Run(listener.KeepConnectedAsync);
        return listener;
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
                // Broker down or a connect still pending after its restart: try again shortly.
            }
            try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_keepAlive is not null)
            await _keepAlive;
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
