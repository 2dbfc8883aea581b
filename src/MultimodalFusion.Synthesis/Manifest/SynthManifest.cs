using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultimodalFusion.Synthesis.Manifest;

/// <summary>
/// <c>synth.json</c>, written beside the generated data: the seed and settings, counts, and per video and
/// segment the label and which modalities were made uninformative.
/// </summary>
/// <remarks>Holds no generation time or host data, so the same seed and settings give the same bytes.</remarks>
public sealed record SynthManifest
{
    /// <summary>File name of the manifest in the dataset root.</summary>
    public const string FileName = "synth.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>What wrote the data.</summary>
    public string Generator { get; init; } = "MultimodalFusion.Synthesis";

    /// <summary>Version of this manifest's shape.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>Which task.</summary>
    public SynthTask Task { get; init; }

    /// <summary>"aff-wild2" or "dvd".</summary>
    public required string Layout { get; init; }

    /// <summary>The seed.</summary>
    public int Seed { get; init; }

    /// <summary>The settings used.</summary>
    public required SynthSettings Settings { get; init; }

    /// <summary>Totals.</summary>
    public required SynthCounts Counts { get; init; }

    /// <summary>Every video, in name order.</summary>
    public required IReadOnlyList<SynthVideo> Videos { get; init; }

    /// <summary>Writes the manifest to <paramref name="path"/> (UTF-8, LF).</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, s_json).ReplaceLineEndings("\n") + "\n");

    /// <summary>Reads a manifest; a malformed file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static SynthManifest Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SynthManifest>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"{path} is empty (expected a synth manifest).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid synth manifest: {e.Message}", e);
        }
    }
}
