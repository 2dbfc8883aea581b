using System.Text.Json.Nodes;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>What a dataset folder is, for a manifest's provenance: generator, task, seed and counts from its <c>synth.json</c>.</summary>
internal static class SynthSource
{
    /// <summary>" (mmf synth emotion seed 1: 60 videos, 54 train, 6 validation)", or "" when the folder has no readable synth.json.</summary>
    public static string Describe(string? datasetFolder)
    {
        if (datasetFolder is null || !File.Exists(Path.Combine(datasetFolder, "synth.json")))
            return "";
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(datasetFolder, "synth.json")))!;
            var counts = json["counts"];
            return $" ({json["generator"]?.GetValue<string>() ?? "mmf synth"} {json["task"]} seed {json["seed"]}: {counts?["videos"]} videos, " +
                $"{counts?["train"]} train, {counts?["validation"]} validation)";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }
}
