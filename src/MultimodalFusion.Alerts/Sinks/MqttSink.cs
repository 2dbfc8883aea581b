using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Alerts.Sinks;

/// <summary>Publishes each event's JSON to an MQTT broker (MQTTnet 5) at QoS 1; the PUBACK is the acknowledgement.</summary>
/// <remarks>
/// MQTTnet 5 has no managed (self-reconnecting) client: each delivery connects first when the connection is down,
/// and every failure (broker down, connect pending after a broker kill, publish while disconnected) is thrown as a
/// transient <see cref="AlertDeliveryException"/> for the dispatcher to retry. Rejections that a retry cannot fix
/// (not authorised, bad topic or payload) are permanent. Owns its MQTT client.
/// </remarks>
public sealed class MqttSink : IAlertSink
{
    private readonly MqttSinkOptions _options;
    private IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private readonly string _endpoint;

    /// <summary>A sink for <paramref name="options"/>; it connects on the first delivery.</summary>
    public MqttSink(MqttSinkOptions options, ILogger<MqttSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _endpoint = $"mqtt://{options.Host}:{options.Port}";
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId ?? "mmf-alerts-" + Guid.NewGuid().ToString("N")[..12])
            .WithCleanSession(true)
            .WithTimeout(options.ConnectTimeout);
        if (options.Username is not null)
            builder = builder.WithCredentials(options.Username, options.Password);
        _clientOptions = builder.Build();
        _client = new MqttClientFactory().CreateMqttClient();
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>The topic an event of <paramref name="camera"/> and <paramref name="kind"/> is published to.</summary>
    public string TopicFor(string camera, string kind) =>
        _options.Topic.Replace("{camera}", camera, StringComparison.Ordinal).Replace("{kind}", kind, StringComparison.Ordinal);

    /// <inheritdoc />
    public async Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(TopicFor(evt.Camera, evt.Kind))
            .WithPayload(Encoding.UTF8.GetBytes(json))
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_client.IsConnected)
            {
                await _client.ConnectAsync(_clientOptions, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("MQTT sink {Name} connected to {Endpoint}", Name, _endpoint);
            }
            var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
                return;
            bool permanent = result.ReasonCode is MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid
                or MqttClientPublishReasonCode.PayloadFormatInvalid;
            throw new AlertDeliveryException(Name, $"MQTT {_endpoint} refused {evt.IdempotencyKey}: {result.ReasonCode} {result.ReasonString}", permanent);
        }
        catch (Exception ex) when (ex is not AlertDeliveryException)
        {
            // Broker down, connect pending after a broker kill, connection lost mid-publish, attempt timed out: all
            // worth a retry, with a fresh client so that no half-open connect state of the old one is inherited.
            ReplaceClient();
            if (ex is OperationCanceledException)
                throw;
            throw new AlertDeliveryException(Name, $"MQTT {_endpoint}: {ex.GetType().Name}: {ex.Message}", permanent: false, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ReplaceClient()
    {
        var old = _client;
        _client = new MqttClientFactory().CreateMqttClient();
        try { old.Dispose(); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogDebug(ex, "MQTT sink {Name}: disposing the failed client failed", Name);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogDebug(ex, "MQTT sink {Name}: disconnect from {Endpoint} failed", Name, _endpoint);
        }
        _client.Dispose();
        _gate.Dispose();
    }
}
