using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Cli.Eval;

/// <summary>Finds the fusion model of a task in a model folder by manifest role ("fusion") and task.</summary>
/// <remarks>
/// The folder itself is searched first; when it holds no fusion model, its immediate subfolders are (so <c>onnx/</c>
/// finds <c>onnx/violence/violence-fusion.onnx</c>). The chosen model's folder is where its extractors are taken from.
/// The task comes from each manifest's <c>task</c> ("va", "expr", "violence"; a combined "va+expr" model serves both
/// emotion tasks). With no task asked for, the folder must hold exactly one fusion model. Stateless.
/// </remarks>
public static class FusionModelPicker
{
    /// <summary>
    /// The path and task of the fusion model for <paramref name="task"/> (null: the only one) in <paramref name="modelDirectory"/>.
    /// Throws <see cref="DirectoryNotFoundException"/> or <see cref="ModelEvalException"/> naming the folder and what it holds.
    /// </summary>
    public static (string Path, EvalTask Task) Pick(string modelDirectory, EvalTask? task)
    {
        if (!Directory.Exists(modelDirectory))
            throw new DirectoryNotFoundException($"--model: model folder not found: {Path.GetFullPath(modelDirectory)}");
        var fusion = FusionModels(modelDirectory);
        if (fusion.Count == 0)
            fusion = Directory.EnumerateDirectories(modelDirectory).Order(StringComparer.Ordinal).SelectMany(FusionModels).ToList();
        string folder = Path.GetFullPath(modelDirectory);
        if (fusion.Count == 0)
            throw new ModelEvalException($"no fusion model (a manifest with role 'fusion') in {folder} or its subfolders.");
        string found = string.Join(", ", fusion.Select(m => $"{System.IO.Path.GetRelativePath(folder, m.Path)} (task {m.Manifest.Task ?? "none"})"));
        if (task is { } wanted)
        {
            var match = fusion.FirstOrDefault(m => Serves(m.Manifest.Task, wanted));
            return match.Path is not null ? (match.Path, wanted)
                : throw new ModelEvalException($"no fusion model for task {Name(wanted)} in {folder}; it has {found}.");
        }
        if (fusion.Count > 1)
            throw new ModelEvalException($"{fusion.Count} fusion models in {folder} ({found}); choose one with --task.");
        var only = fusion[0];
        EvalTask? parsed = only.Manifest.Task switch
        {
            "va" => EvalTask.Va,
            "expr" => EvalTask.Expr,
            "violence" => EvalTask.Violence,
            _ => null,
        };
        return parsed is { } t ? (only.Path, t)
            : throw new ModelEvalException($"{only.Path}: manifest task '{only.Manifest.Task}' is not va, expr or violence; name one with --task.");
    }

    private static List<(string Path, ModelManifest Manifest)> FusionModels(string directory) => ModelCatalog.Find([directory])
        .Select(path => (Path: path, Manifest: ModelManifest.Load(ModelManifest.PathFor(path))))
        .Where(m => m.Manifest.Role == "fusion")
        .ToList();

    /// <summary>The command-line name of <paramref name="task"/>.</summary>
    public static string Name(EvalTask task) => task.ToString().ToLowerInvariant();

    private static bool Serves(string? manifestTask, EvalTask task) =>
        manifestTask == Name(task) || (manifestTask == "va+expr" && task is EvalTask.Va or EvalTask.Expr);
}
