using MultimodalFusion.Alerts.Sinks;

namespace MultimodalFusion.Apps.Configuration;

/// <summary>Where alerts go (config section <c>Sinks</c>): the event store always; webhook, MQTT and a JSONL file when configured.</summary>
public sealed record SinksOptions
{
    /// <summary>The SQLite event store (with its outbox).</summary>
    public StoreOptions Store { get; init; } = new();

    /// <summary>An HTTP webhook; null: none.</summary>
    public WebhookSinkOptions? Webhook { get; init; }

    /// <summary>An MQTT broker; null: none.</summary>
    public MqttSinkOptions? Mqtt { get; init; }

    /// <summary>A JSON-lines file, one event per line; null: none.</summary>
    public JsonlOptions? Jsonl { get; init; }

    /// <summary>Settings of the event store.</summary>
    public sealed record StoreOptions
    {
        /// <summary>Path of the SQLite database file.</summary>
        public string Path { get; init; } = "data/events.db";
    }

    /// <summary>Settings of the JSONL sink.</summary>
    public sealed record JsonlOptions
    {
        /// <summary>Path of the file events are appended to.</summary>
        public string Path { get; init; } = "";
    }

    internal void AddErrors(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Store.Path))
            errors.Add("Sinks:Store.Path: must not be empty.");
        if (Webhook is { } hook)
        {
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add($"Sinks:Webhook.Url: '{hook.Url}' is not an absolute http(s) address.");
        }
        if (Mqtt is { } mqtt)
        {
            if (string.IsNullOrWhiteSpace(mqtt.Host))
                errors.Add("Sinks:Mqtt.Host: must not be empty.");
            if (mqtt.Port is < 1 or > 65535)
                errors.Add($"Sinks:Mqtt.Port: must be in [1, 65535] (was {mqtt.Port}).");
            if (string.IsNullOrWhiteSpace(mqtt.Topic))
                errors.Add("Sinks:Mqtt.Topic: must not be empty.");
        }
        if (Jsonl is { } jsonl && string.IsNullOrWhiteSpace(jsonl.Path))
            errors.Add("Sinks:Jsonl.Path: must not be empty.");
    }
}
