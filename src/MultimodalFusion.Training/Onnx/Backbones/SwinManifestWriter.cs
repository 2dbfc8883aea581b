using System.Text.Json;
using System.Text.Json.Nodes;
using MultimodalFusion.Training.Models.Backbones;

namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>
/// Writes the manifest beside an exported Swin feature extractor (<c>name.onnx</c> -> <c>name.json</c>) in the shape the
/// runtime's <c>ModelLoader</c> and <c>ImageExtractor</c> read: role "image", task "features", one NCHW float input,
/// one [batch, features] output, preprocessing (size, RGB, mean/std), provenance (incl. the weights file), sha256.
/// </summary>
/// <remarks>Keys are camelCase, dimensions numbers (fixed) or strings (symbolic: "batch"), as in <see cref="FusionManifestWriter"/>.</remarks>
public static class SwinManifestWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The manifest as a JSON object (sha256 of <paramref name="onnxPath"/> when the file exists).</summary>
    public static JsonObject Build(SwinOptions options, SwinExportOptions export, string? onnxPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(export);
        if (export.Mean.Count != 3 || export.Std.Count != 3)
            throw new ArgumentException($"Export of '{export.Name}': Mean and Std need 3 values each (got {export.Mean.Count} and {export.Std.Count}).");
        var preprocessing = new JsonObject
        {
            ["width"] = options.ImageSize,
            ["height"] = options.ImageSize,
            ["colorOrder"] = "rgb",
            ["mean"] = Floats(export.Mean),
            ["std"] = Floats(export.Std),
        };
        if (export.FaceMargin is float margin)
            preprocessing["faceMargin"] = margin;

        var provenance = new JsonObject
        {
            ["trainer"] = $"MultimodalFusion.Training {typeof(SwinManifestWriter).Assembly.GetName().Version}",
            ["data"] = export.Data,
            ["architecture"] = options.Describe() + " -> final norm + average pool",
        };
        if (export.WeightsFile is { } weights)
        {
            provenance["weights"] = new JsonObject
            {
                ["file"] = Path.GetFileName(weights),
                ["sha256"] = File.Exists(weights) ? FusionManifestWriter.Sha256(weights) : null,
            };
        }
        if (export.License is { } license)
            provenance["license"] = license;

        var manifest = new JsonObject
        {
            ["name"] = export.Name,
            ["role"] = "image",
            ["task"] = "features",
            ["inputs"] = new JsonArray(Tensor(export.InputName, "batch", 3, options.ImageSize, options.ImageSize)),
            ["outputs"] = new JsonArray(Tensor(export.OutputName, "batch", options.FeatureSize)),
            ["preprocessing"] = preprocessing,
            ["provenance"] = provenance,
        };
        if (onnxPath is not null && File.Exists(onnxPath))
            manifest["sha256"] = FusionManifestWriter.Sha256(onnxPath);
        return manifest;
    }

    /// <summary>Writes <c>name.json</c> beside <paramref name="onnxPath"/> (atomically); returns its path.</summary>
    public static string Write(SwinOptions options, SwinExportOptions export, string onnxPath)
    {
        string manifestPath = Path.ChangeExtension(onnxPath, ".json");
        string temp = manifestPath + ".tmp";
        File.WriteAllText(temp, Build(options, export, onnxPath).ToJsonString(s_json));
        File.Move(temp, manifestPath, overwrite: true);
        return manifestPath;
    }

    private static JsonArray Floats(IReadOnlyList<float> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonObject Tensor(string name, params object[] shape) => new()
    {
        ["name"] = name,
        ["shape"] = new JsonArray(shape.Select(d => d is string s ? (JsonNode)JsonValue.Create(s) : JsonValue.Create(Convert.ToInt64(d))).ToArray()),
        ["dtype"] = "float32",
    };
}
