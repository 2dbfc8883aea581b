using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Saves and restores a <see cref="BackboneModel"/>: <c>name.pt</c> (TorchSharp weights and batch-norm statistics,
/// head included) and <c>name.json</c> (backbone kind, its options record, task, output size, free-form metadata),
/// so that a later export needs only the path.
/// </summary>
public static class BackboneCheckpoint
{
    /// <summary>The format tag written into the options file.</summary>
    public const string Format = "mmf-backbone-checkpoint/1";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the weights to <paramref name="weightsPath"/> and the options beside it; returns the options path.</summary>
    public static string Save(BackboneModel model, string weightsPath, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        string full = Path.GetFullPath(weightsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        model.save(full);
        JsonNode options = model.Backbone switch
        {
            SmallImageCnn image => JsonSerializer.SerializeToNode(image.Options, s_json)!,
            ClipStem clip => JsonSerializer.SerializeToNode(clip.Options, s_json)!,
            LogMelAudioEncoder audio => JsonSerializer.SerializeToNode(audio.Options, s_json)!,
            var other => throw new NotSupportedException($"BackboneCheckpoint: no options writer for {other.GetType().Name}."),
        };
        var json = new JsonObject
        {
            ["format"] = Format,
            ["kind"] = model.Backbone.Kind.ToString(),
            ["options"] = options,
            ["task"] = model.Task.ToString(),
            ["outputSize"] = model.OutputSize,
            ["metadata"] = new JsonObject((metadata ?? new Dictionary<string, string>())
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        };
        string optionsPath = OptionsPathFor(full);
        File.WriteAllText(optionsPath, json.ToJsonString(s_json));
        return optionsPath;
    }

    /// <summary>Rebuilds the model from <c>name.json</c> and loads <c>name.pt</c>; the caller owns the model (in eval mode).</summary>
    public static BackboneModel Load(string weightsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        string full = Path.GetFullPath(weightsPath);
        string optionsPath = OptionsPathFor(full);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Backbone checkpoint weights not found: {full}", full);
        if (!File.Exists(optionsPath))
            throw new FileNotFoundException($"Backbone checkpoint options not found: {optionsPath} (written beside the weights by BackboneCheckpoint.Save).", optionsPath);
        BackboneModel model;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(optionsPath))!.AsObject();
            if ((string?)json["format"] != Format)
                throw new InvalidDataException($"format is '{json["format"]}', expected '{Format}'");
            var kind = Enum.Parse<BackboneKind>((string)json["kind"]!);
            var options = json["options"]!;
            Backbone backbone = kind switch
            {
                BackboneKind.Image => new SmallImageCnn(options.Deserialize<SmallImageCnnOptions>(s_json)),
                BackboneKind.Clip => new ClipStem(options.Deserialize<ClipStemOptions>(s_json)),
                _ => new LogMelAudioEncoder(options.Deserialize<LogMelAudioEncoderOptions>(s_json)),
            };
            model = new BackboneModel(backbone, Enum.Parse<FusionTask>((string)json["task"]!), (int)json["outputSize"]!);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or InvalidDataException or NullReferenceException
            or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"Backbone checkpoint options {optionsPath} are not valid: {ex.Message}", ex);
        }
        model.load(full);
        model.eval();
        return model;
    }

    /// <summary>The options file that belongs to a weights file (<c>name.pt</c> -> <c>name.json</c>).</summary>
    public static string OptionsPathFor(string weightsPath) => Path.ChangeExtension(weightsPath, ".json");
}
