using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Manifests;

/// <summary>The contract beside every model (<c>name.onnx</c> + <c>name.json</c>): role, tensors, preprocessing, window, provenance, hash.</summary>
/// <remarks>JSON uses camelCase keys and TimeSpans as "hh:mm:ss.fff"; see DESIGN.md for an example.</remarks>
public sealed record ModelManifest
{
    /// <summary>Roles a model can have.</summary>
    public static readonly IReadOnlyList<string> KnownRoles = ["image", "face", "clip", "audio", "text", "vad", "fusion"];

    internal static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Model name (the file stem by convention).</summary>
    public required string Name { get; init; }

    /// <summary>One of <see cref="KnownRoles"/>.</summary>
    public required string Role { get; init; }

    /// <summary>What the outputs mean, e.g. "features", "va+expr", "violence", "speech-probability".</summary>
    public string? Task { get; init; }

    /// <summary>Graph inputs in graph order.</summary>
    public required IReadOnlyList<TensorSpec> Inputs { get; init; }

    /// <summary>Graph outputs in graph order.</summary>
    public required IReadOnlyList<TensorSpec> Outputs { get; init; }

    /// <summary>Input preparation; null when the model takes features ready-made.</summary>
    public PreprocessingSpec? Preprocessing { get; init; }

    /// <summary>Training window for temporal and fusion models.</summary>
    public WindowSpec? Window { get; init; }

    /// <summary>Free-form origin: trainer version, data, held-out metrics, licence.</summary>
    public JsonObject? Provenance { get; init; }

    /// <summary>Lower-case hex SHA-256 of the .onnx file.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The manifest path that belongs to <paramref name="modelPath"/> (<c>name.onnx</c> -> <c>name.json</c>).</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    /// <summary>Reads a manifest; a missing file or malformed JSON throws <see cref="ModelLoadException"/> naming the file.</summary>
    public static ModelManifest Load(string manifestPath)
    {
        if (!File.Exists(manifestPath))
            throw new ModelLoadException(manifestPath, "manifest not found (every model needs name.json beside name.onnx).");
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(manifestPath), s_json)
                ?? throw new ModelLoadException(manifestPath, "manifest is empty (null).");
        }
        catch (JsonException ex)
        {
            string where = ex.Path is null ? "" : $" at {ex.Path}";
            throw new ModelLoadException(manifestPath, $"invalid manifest JSON{where}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes this manifest as indented JSON.</summary>
    public void Save(string manifestPath) => File.WriteAllText(manifestPath, ToJson());

    /// <summary>This manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);
}
