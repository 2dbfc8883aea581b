using System.Globalization;
using MultimodalFusion.Training.Onnx;
using MultimodalFusion.Training.Trainer;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>
/// The export settings of a trained model, kept in its checkpoint's metadata so that <c>mmf-train export
/// --checkpoint</c> writes the same manifest (task, labels, window, provenance with held-out metrics) as the run.
/// </summary>
internal static class ExportMetadata
{
    private const string HeldOutPrefix = "heldOut.";

    public static Dictionary<string, string> From(FusionExportOptions export, FusionTrainingResult result)
    {
        var metadata = new Dictionary<string, string>
        {
            ["name"] = export.Name,
            ["task"] = export.Task,
            ["outputName"] = export.OutputName,
            ["labels"] = string.Join("|", export.Labels),
            ["window"] = export.WindowLength.ToString("c", CultureInfo.InvariantCulture),
            ["hop"] = export.WindowHop.ToString("c", CultureInfo.InvariantCulture),
            ["data"] = export.Data,
            ["bestEpoch"] = result.BestEpoch.ToString(CultureInfo.InvariantCulture),
        };
        if (export.VideoFps is double fps)
            metadata["videoFps"] = fps.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (key, value) in export.HeldOut ?? new Dictionary<string, double>())
            metadata[HeldOutPrefix + key] = value.ToString("R", CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>The export options saved in <paramref name="metadata"/>; throws naming <paramref name="checkpoint"/> when they are missing.</summary>
    public static FusionExportOptions Read(IReadOnlyDictionary<string, string> metadata, string checkpoint)
    {
        string Get(string key) => metadata.TryGetValue(key, out var v) ? v
            : throw new InvalidDataException($"Checkpoint {checkpoint} has no '{key}' in its metadata (it was not saved by mmf-train train).");
        return new FusionExportOptions
        {
            Name = Get("name"),
            Task = Get("task"),
            OutputName = Get("outputName"),
            Labels = Get("labels").Split('|'),
            WindowLength = TimeSpan.Parse(Get("window"), CultureInfo.InvariantCulture),
            WindowHop = TimeSpan.Parse(Get("hop"), CultureInfo.InvariantCulture),
            VideoFps = metadata.TryGetValue("videoFps", out var fps) ? double.Parse(fps, CultureInfo.InvariantCulture) : null,
            Data = Get("data"),
            HeldOut = metadata.Where(kv => kv.Key.StartsWith(HeldOutPrefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[HeldOutPrefix.Length..], kv => double.Parse(kv.Value, CultureInfo.InvariantCulture)),
        };
    }
}
