using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultimodalFusion.Alerts.Events;

/// <summary>The one JSON form of <see cref="AlertEvent"/> (store rows, webhook bodies, MQTT payloads, JSONL lines).</summary>
/// <remarks>camelCase names, lowercase states, UTC timestamps as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, nulls written.</remarks>
public static class AlertEventJson
{
    /// <summary>The serializer options; shared and read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The event as compact JSON.</summary>
    public static string Serialize(AlertEvent evt) => JsonSerializer.Serialize(evt, Options);

    /// <summary>The event parsed from <paramref name="json"/>; throws <see cref="JsonException"/> naming what is wrong.</summary>
    public static AlertEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<AlertEvent>(json, Options) ?? throw new JsonException("An alert event JSON was 'null'.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcMillisecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // DateTimeOffset's default form ("...07.25+00:00") is not the documented one; this writes UTC with exactly three
    // fraction digits and a 'Z', and reads any ISO 8601 offset.
    private sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("A timestamp was null."), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal).ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
