using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultimodalFusion.Inference.Manifests;

/// <summary>One dimension in a manifest shape: a number (fixed) or a string (symbolic, e.g. "batch").</summary>
[JsonConverter(typeof(ManifestDimConverter))]
public readonly record struct ManifestDim(long? Value, string? Symbol)
{
    /// <summary>A fixed dimension.</summary>
    public static implicit operator ManifestDim(long value) => new(value, null);

    /// <summary>A symbolic dimension.</summary>
    public static implicit operator ManifestDim(string symbol) => new(null, symbol);

    /// <summary>True when the dimension is named rather than fixed.</summary>
    public bool IsSymbolic => Symbol is not null;

    /// <inheritdoc />
    public override string ToString() => Symbol is not null ? $"'{Symbol}'" : Value!.Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Reads and writes <see cref="ManifestDim"/> as a JSON number or string.</summary>
internal sealed class ManifestDimConverter : JsonConverter<ManifestDim>
{
    public override ManifestDim Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out long v) && v >= 0 => new ManifestDim(v, null),
        JsonTokenType.String when !string.IsNullOrWhiteSpace(reader.GetString()) => new ManifestDim(null, reader.GetString()),
        _ => throw new JsonException("a dimension must be a non-negative integer or a non-empty name such as \"batch\""),
    };

    public override void Write(Utf8JsonWriter writer, ManifestDim value, JsonSerializerOptions options)
    {
        if (value.Symbol is not null)
            writer.WriteStringValue(value.Symbol);
        else
            writer.WriteNumberValue(value.Value!.Value);
    }
}
