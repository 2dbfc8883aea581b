using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultimodalFusion.Training.Models;

/// <summary>
/// Saves and restores a <see cref="FusionModel"/>: <c>name.pt</c> (TorchSharp weights) and <c>name.json</c>
/// (the <see cref="FusionModelOptions"/> that rebuild the architecture, plus free-form metadata such as the
/// epoch and validation metric), so that <c>mmf export --checkpoint</c> needs only the path.
/// </summary>
public static class FusionCheckpoint
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Writes the weights to <paramref name="weightsPath"/> and the options beside it; returns the options path.</summary>
    public static string Save(FusionModel model, string weightsPath, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        string full = Path.GetFullPath(weightsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        model.save(full);
        var o = model.Options;
        var json = new JsonObject
        {
            ["format"] = "mmf-fusion-checkpoint/1",
            ["modalities"] = new JsonArray(o.Modalities.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["featureSize"] = m.FeatureSize }).ToArray()),
            ["projectionSize"] = o.ProjectionSize,
            ["hiddenSize"] = o.HiddenSize,
            ["layers"] = o.Layers,
            ["bidirectional"] = o.Bidirectional,
            ["heads"] = o.Heads,
            ["fusion"] = o.Fusion.ToString(),
            ["pairs"] = new JsonArray(o.ResolvedPairs().Select(p => (JsonNode)new JsonArray(p.A, p.B)).ToArray()),
            ["headHiddenSize"] = o.HeadHiddenSize,
            ["autoEncoder"] = o.AutoEncoder,
            ["frameHead"] = o.FrameHead,
            ["task"] = o.Task.ToString(),
            ["outputSize"] = o.OutputSize,
            ["metadata"] = new JsonObject((metadata ?? new Dictionary<string, string>())
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        };
        string optionsPath = OptionsPathFor(full);
        File.WriteAllText(optionsPath, json.ToJsonString(s_json));
        return optionsPath;
    }

    /// <summary>Rebuilds the model from <c>name.json</c> and loads <c>name.pt</c>; the caller owns the model.</summary>
    public static FusionModel Load(string weightsPath)
    {
        string full = Path.GetFullPath(weightsPath);
        string optionsPath = OptionsPathFor(full);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Checkpoint weights not found: {full}", full);
        if (!File.Exists(optionsPath))
            throw new FileNotFoundException($"Checkpoint options not found: {optionsPath} (written beside the weights by FusionCheckpoint.Save).", optionsPath);
        FusionModelOptions options;
        try
        {
            options = ReadOptions(JsonNode.Parse(File.ReadAllText(optionsPath))!.AsObject());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InvalidDataException($"Checkpoint options {optionsPath} are not valid: {ex.Message}", ex);
        }
        var model = new FusionModel(options);
        model.load(full);
        return model;
    }

    /// <summary>Free-form metadata saved with a checkpoint (empty when none).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string weightsPath)
    {
        var json = JsonNode.Parse(File.ReadAllText(OptionsPathFor(Path.GetFullPath(weightsPath))))!.AsObject();
        return json["metadata"] is JsonObject metadata
            ? metadata.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "")
            : new Dictionary<string, string>();
    }

    /// <summary>The options file that belongs to a weights file (<c>name.pt</c> -> <c>name.json</c>).</summary>
    public static string OptionsPathFor(string weightsPath) => Path.ChangeExtension(weightsPath, ".json");

    private static FusionModelOptions ReadOptions(JsonObject json)
    {
        if ((string?)json["format"] != "mmf-fusion-checkpoint/1")
            throw new InvalidOperationException($"unknown format '{(string?)json["format"]}', expected 'mmf-fusion-checkpoint/1'");
        return new FusionModelOptions
        {
            Modalities = json["modalities"]!.AsArray().Select(m => new ModalitySpec((string)m!["name"]!, (int)m["featureSize"]!)).ToList(),
            ProjectionSize = (int)json["projectionSize"]!,
            HiddenSize = (int)json["hiddenSize"]!,
            Layers = (int)json["layers"]!,
            Bidirectional = (bool)json["bidirectional"]!,
            Heads = (int)json["heads"]!,
            Fusion = json["fusion"] is JsonNode fusion ? Enum.Parse<FusionKind>((string)fusion!) : FusionKind.CrossAttention,
            Pairs = json["pairs"]!.AsArray().Select(p => ((int)p![0]!, (int)p[1]!)).ToList(),
            HeadHiddenSize = (int)json["headHiddenSize"]!,
            AutoEncoder = json["autoEncoder"] is JsonNode autoEncoder && (bool)autoEncoder,
            FrameHead = json["frameHead"] is JsonNode frameHead && (bool)frameHead,
            Task = Enum.Parse<FusionTask>((string)json["task"]!, ignoreCase: false),
            OutputSize = (int)json["outputSize"]!,
        };
    }
}
