namespace MultimodalFusion.Alerts.Sinks;

/// <summary>Settings of an <see cref="MqttSink"/> (config section Sinks:Mqtt).</summary>
public sealed record MqttSinkOptions
{
    /// <summary>The sink's name in the outbox.</summary>
    public string Name { get; init; } = "mqtt";

    /// <summary>Broker host name or address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Broker TCP port.</summary>
    public int Port { get; init; } = 1883;

    /// <summary>Topic per event; {camera} and {kind} are replaced.</summary>
    public string Topic { get; init; } = "mmf/alerts/{camera}";

    /// <summary>MQTT client id; null: "mmf-alerts-" + a random suffix.</summary>
    public string? ClientId { get; init; }

    /// <summary>User name, or null for anonymous.</summary>
    public string? Username { get; init; }

    /// <summary>Password (never logged).</summary>
    public string? Password { get; init; }

    /// <summary>Time limit of one connect.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when a value is invalid.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("MqttSinkOptions.Name must not be empty.");
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException("MqttSinkOptions.Host must not be empty.");
        if (Port is < 1 or > 65535)
            throw new ArgumentException($"MqttSinkOptions.Port must be in 1..65535 (was {Port}).");
        if (string.IsNullOrWhiteSpace(Topic) || Topic.Contains('#') || Topic.Contains('+'))
            throw new ArgumentException($"MqttSinkOptions.Topic must be a topic name without wildcards (was '{Topic}').");
        if (ConnectTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"MqttSinkOptions.ConnectTimeout must be positive (was {ConnectTimeout}).");
    }
}
