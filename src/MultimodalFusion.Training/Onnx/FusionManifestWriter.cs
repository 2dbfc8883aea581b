using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultimodalFusion.Training.Models;

namespace MultimodalFusion.Training.Onnx;

/// <summary>
/// Writes the manifest beside an exported fusion graph (<c>name.onnx</c> -> <c>name.json</c>) in the shape of
/// DESIGN.md's example, which the inference side's loader reads: name, role, task, inputs, outputs (with
/// labels), window, provenance, sha256.
/// </summary>
/// <remarks>
/// Keys are camelCase; durations are "hh:mm:ss[.fffffff]" (TimeSpan's invariant "c" format); dimensions are
/// numbers (fixed) or strings (symbolic axes such as "batch", "t_video"). The training project does not
/// reference the inference project (runtime projects never see the trainer, and the trainer stays apart
/// from them), so the JSON is written here and the two sides meet at the file format.
/// </remarks>
public static class FusionManifestWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The manifest as a JSON object (sha256 of <paramref name="onnxPath"/> when the file exists).</summary>
    public static JsonObject Build(FusionModelOptions options, FusionExportOptions export, string? onnxPath)
    {
        var inputs = new JsonArray();
        foreach (var spec in options.Modalities)
        {
            string time = FusionOnnxExporter.TimeAxis(spec);
            inputs.Add(Tensor(spec.Name, "float32", "batch", time, spec.FeatureSize));
            inputs.Add(Tensor(FusionOnnxExporter.MaskName(spec), "bool", "batch", time));
        }
        var outputs = new JsonArray();
        var main = Tensor(export.OutputName, "float32", "batch", options.OutputSize);
        main["labels"] = new JsonArray(export.Labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());
        outputs.Add(main);
        if (options.Task == FusionTask.Classification)
            outputs.Add(Tensor(export.OutputName + "_logits", "float32", "batch", options.OutputSize));
        if (options.FrameHead)
        {
            string frames = FusionOnnxExporter.FramesOutput(export.OutputName);
            string time = FusionOnnxExporter.TimeAxis(options.Modalities[0]);
            var probabilities = Tensor(frames, "float32", "batch", time, options.OutputSize);
            probabilities["labels"] = new JsonArray(export.Labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());
            outputs.Add(probabilities);
            if (options.Task == FusionTask.Classification)
                outputs.Add(Tensor(frames + "_logits", "float32", "batch", time, options.OutputSize));
        }
        if (options.Fusion is FusionKind.ModalWeights or FusionKind.LateFusion)
        {
            var weights = Tensor(FusionOnnxExporter.ModalityWeightsOutput, "float32", "batch", options.Modalities.Count);
            weights["labels"] = new JsonArray(options.Modalities.Select(m => (JsonNode)JsonValue.Create(m.Name)!).ToArray());
            outputs.Add(weights);
        }

        var window = new JsonObject
        {
            ["length"] = export.WindowLength.ToString("c", CultureInfo.InvariantCulture),
            ["hop"] = export.WindowHop.ToString("c", CultureInfo.InvariantCulture),
        };
        if (export.VideoFps is double fps)
            window["videoFps"] = fps;

        var provenance = new JsonObject
        {
            ["trainer"] = $"MultimodalFusion.Training {typeof(FusionManifestWriter).Assembly.GetName().Version}",
            ["data"] = export.Data,
            ["architecture"] = Architecture(options),
        };
        if (export.HeldOut is { Count: > 0 })
            provenance["heldOut"] = new JsonObject(export.HeldOut.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

        var manifest = new JsonObject
        {
            ["name"] = export.Name,
            ["role"] = "fusion",
            ["task"] = export.Task,
            ["inputs"] = inputs,
            ["outputs"] = outputs,
            ["window"] = window,
            ["provenance"] = provenance,
        };
        if (onnxPath is not null && File.Exists(onnxPath))
            manifest["sha256"] = Sha256(onnxPath);
        return manifest;
    }

    /// <summary>Writes <c>name.json</c> beside <paramref name="onnxPath"/> (atomically); returns its path.</summary>
    public static string Write(FusionModelOptions options, FusionExportOptions export, string onnxPath)
    {
        string manifestPath = Path.ChangeExtension(onnxPath, ".json");
        string temp = manifestPath + ".tmp";
        File.WriteAllText(temp, Build(options, export, onnxPath).ToJsonString(s_json));
        File.Move(temp, manifestPath, overwrite: true);
        return manifestPath;
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static JsonObject Tensor(string name, string dtype, params object[] shape) => new()
    {
        ["name"] = name,
        ["shape"] = new JsonArray(shape.Select(d => d is string s ? (JsonNode)JsonValue.Create(s)! : JsonValue.Create(Convert.ToInt64(d, CultureInfo.InvariantCulture))!).ToArray()),
        ["dtype"] = dtype,
    };

    private static string Architecture(FusionModelOptions o)
    {
        string pairs = string.Join(" ", o.ResolvedPairs().Select(p => $"{o.Modalities[p.A].Name}<->{o.Modalities[p.B].Name}"));
        string gru = $"gru(proj {o.ProjectionSize}, hidden {o.HiddenSize}, layers {o.Layers}, {(o.Bidirectional ? "bi" : "uni")})";
        if (o.Fusion == FusionKind.ModalWeights)
            return $"{gru} + modal fusion module (learned stream weights) + head({o.HeadHiddenSize}, {o.Task}){Frames(o)}";
        if (o.Fusion == FusionKind.LateFusion)
            return $"{gru} + per-stream heads({o.HeadHiddenSize}, {o.Task}) + weighted late fusion";
        return $"{gru} "
            + $"+ cross-attention(heads {o.Heads}; {(pairs.Length == 0 ? "none" : pairs)}) + masked mean + head({o.HeadHiddenSize}, {o.Task}){Frames(o)}";
    }

    private static string Frames(FusionModelOptions o) =>
        o.FrameHead ? $" + per-frame head({o.HeadHiddenSize}) over {o.Modalities[0].Name} steps" : "";
}
