using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// The metrics JSON of a training run: the per-epoch history, the best epoch, and the held-out evaluation
/// (macro-F1, accuracy, per-class F1 and the confusion matrix with labels; or CCC per dimension and mean).
/// </summary>
public static class FusionTrainingReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The report as a JSON object; <paramref name="labels"/> name the classes or the regression dimensions.</summary>
    public static JsonObject Build(FusionTrainingResult result, FusionEvaluation heldOut, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(heldOut);
        var epochs = new JsonArray(result.Epochs.Select(e => (JsonNode)new JsonObject
        {
            ["epoch"] = e.Epoch,
            ["trainLoss"] = e.TrainLoss,
            ["validation"] = e.ValidationMetric,
            ["learningRate"] = e.LearningRate,
        }).ToArray());
        var held = new JsonObject { ["metric"] = heldOut.MetricName, ["value"] = heldOut.Metric };
        if (heldOut.Confusion is { } confusion)
        {
            if (labels.Count != confusion.ClassCount)
                throw new ArgumentException($"Report: {labels.Count} labels for {confusion.ClassCount} classes.");
            held["accuracy"] = heldOut.Accuracy;
            held["f1"] = new JsonObject(labels.Select((l, c) => KeyValuePair.Create(l, (JsonNode?)JsonValue.Create(confusion.F1(c)))));
            held["labels"] = new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());
            held["confusion"] = new JsonArray(confusion.ToRows().Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())).ToArray());
        }
        if (heldOut.CccPerDimension is { } ccc)
        {
            if (labels.Count != ccc.Length)
                throw new ArgumentException($"Report: {labels.Count} labels for {ccc.Length} regression dimensions.");
            held["ccc"] = new JsonObject(labels.Select((l, d) => KeyValuePair.Create(l, (JsonNode?)JsonValue.Create(ccc[d]))));
        }
        return new JsonObject
        {
            ["metric"] = result.MetricName,
            ["bestEpoch"] = result.BestEpoch,
            ["bestValidation"] = result.BestMetric,
            ["epochs"] = epochs,
            ["heldOut"] = held,
        };
    }

    /// <summary>Writes the report to <paramref name="path"/> (creating its folder).</summary>
    public static void Write(string path, FusionTrainingResult result, FusionEvaluation heldOut, IReadOnlyList<string> labels)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Build(result, heldOut, labels).ToJsonString(s_json));
    }
}
