using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultimodalFusion.Training.Models.Backbones;

namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>
/// Writes the manifest beside an exported backbone (<c>name.onnx</c> -> <c>name.json</c>) with the fields the runtime
/// extractors read: role ("image"/"face", "clip" or "audio"), task, inputs, outputs, preprocessing (image size, colour
/// order, mean/std; or sample rate, mel bins, mel window and hop), window (clip, audio), provenance and sha256.
/// </summary>
/// <remarks>Same conventions as <see cref="FusionManifestWriter"/>: camelCase keys, TimeSpans in the invariant "c" format.</remarks>
public static class BackboneManifestWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The manifest role of a backbone kind.</summary>
    public static string Role(BackboneKind kind, BackboneExportOptions export) => kind switch
    {
        BackboneKind.Image => export.FaceRole ? "face" : "image",
        BackboneKind.Clip => "clip",
        _ => "audio",
    };

    /// <summary>The manifest as a JSON object (sha256 of <paramref name="onnxPath"/> when the file exists).</summary>
    public static JsonObject Build(Backbone model, BackboneExportOptions export, string? onnxPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(export);
        var manifest = new JsonObject
        {
            ["name"] = export.Name,
            ["role"] = Role(model.Kind, export),
            ["task"] = export.Task,
            ["inputs"] = new JsonArray(Tensor(BackboneOnnxExporter.InputName(model.Kind), BackboneOnnxExporter.InputDims(model))),
            ["outputs"] = new JsonArray(Tensor(export.OutputName, ["batch", (long)model.FeatureSize])),
            ["preprocessing"] = Preprocessing(model, export),
        };
        if (model.Kind != BackboneKind.Image)
        {
            bool audio = model.Kind == BackboneKind.Audio;
            var length = export.WindowLength ?? TimeSpan.FromSeconds(audio ? 4 : 2);
            var hop = export.WindowHop ?? TimeSpan.FromSeconds(audio ? 2 : 0.5);
            var window = new JsonObject { ["length"] = Duration(length), ["hop"] = Duration(hop) };
            if (audio)
                window["audioFps"] = (double)export.LogMel.SampleRateHz / export.LogMel.HopLength;
            manifest["window"] = window;
        }
        var provenance = new JsonObject
        {
            ["trainer"] = $"MultimodalFusion.Training {typeof(BackboneManifestWriter).Assembly.GetName().Version}",
            ["data"] = export.Data,
            ["architecture"] = BackboneOnnxExporter.Describe(model),
        };
        if (export.HeldOut is { Count: > 0 })
            provenance["heldOut"] = new JsonObject(export.HeldOut.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        manifest["provenance"] = provenance;
        if (onnxPath is not null && File.Exists(onnxPath))
            manifest["sha256"] = FusionManifestWriter.Sha256(onnxPath);
        return manifest;
    }

    /// <summary>Writes <c>name.json</c> beside <paramref name="onnxPath"/> (atomically); returns its path.</summary>
    public static string Write(Backbone model, BackboneExportOptions export, string onnxPath)
    {
        string manifestPath = Path.ChangeExtension(onnxPath, ".json");
        string temp = manifestPath + ".tmp";
        File.WriteAllText(temp, Build(model, export, onnxPath).ToJsonString(s_json));
        File.Move(temp, manifestPath, overwrite: true);
        return manifestPath;
    }

    private static JsonObject Preprocessing(Backbone model, BackboneExportOptions export)
    {
        if (model.Kind == BackboneKind.Audio)
        {
            var logMel = export.LogMel;
            logMel.Validate();
            int melBins = ((LogMelAudioEncoder)model).Options.MelBins;
            if (logMel.MelBins != melBins)
                throw new ArgumentException($"Export of '{export.Name}': the log-mel frontend has {logMel.MelBins} mel bins, the encoder takes {melBins}.");
            return new JsonObject
            {
                ["sampleRateHz"] = logMel.SampleRateHz,
                ["melBins"] = logMel.MelBins,
                ["melWindow"] = Duration(TimeSpan.FromSeconds((double)logMel.WindowLength / logMel.SampleRateHz)),
                ["melHop"] = Duration(TimeSpan.FromSeconds((double)logMel.HopLength / logMel.SampleRateHz)),
            };
        }
        if (export.Mean.Count != 3 || export.Std.Count != 3 || export.Std.Any(s => s <= 0))
            throw new ArgumentException($"Export of '{export.Name}': Mean and Std need 3 values each, Std > 0.");
        if (export.ColorOrder is not ("rgb" or "bgr"))
            throw new ArgumentException($"Export of '{export.Name}': ColorOrder must be \"rgb\" or \"bgr\"; got '{export.ColorOrder}'.");
        long[] dims = BackboneOnnxExporter.InputDims(model).OfType<long>().ToArray();
        var spec = new JsonObject
        {
            ["width"] = dims[^1],
            ["height"] = dims[^2],
            ["colorOrder"] = export.ColorOrder,
            ["mean"] = new JsonArray(export.Mean.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            ["std"] = new JsonArray(export.Std.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
        };
        if (export.FaceMargin is float margin)
            spec["faceMargin"] = margin;
        return spec;
    }

    private static string Duration(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static JsonObject Tensor(string name, IReadOnlyList<object> shape) => new()
    {
        ["name"] = name,
        ["shape"] = new JsonArray(shape.Select(d => d is string s ? (JsonNode)JsonValue.Create(s)! : JsonValue.Create(Convert.ToInt64(d, CultureInfo.InvariantCulture))!).ToArray()),
        ["dtype"] = "float32",
    };
}
