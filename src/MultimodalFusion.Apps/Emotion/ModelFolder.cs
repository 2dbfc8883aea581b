using Microsoft.Extensions.Logging;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>The models of one folder by manifest (role, task, outputs), read without loading any graph.</summary>
/// <remarks>A model whose manifest cannot be read is skipped with a warning and listed in the "not found" message.</remarks>
internal sealed class ModelFolder
{
    private readonly List<(string Path, ModelManifest Manifest)> _models = [];
    private readonly List<string> _unreadable = [];

    private ModelFolder(string folder) => Folder = folder;

    /// <summary>The folder as given.</summary>
    public string Folder { get; }

    /// <summary>Reads every <c>*.onnx</c> manifest in <paramref name="folder"/>; throws <see cref="ModelLoadException"/> when there is no such folder.</summary>
    public static ModelFolder Read(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
            throw new ModelLoadException(folder, "no such model folder");
        var result = new ModelFolder(folder);
        foreach (string path in ModelCatalog.Find([folder]))
        {
            try
            {
                result._models.Add((path, ModelManifest.Load(ModelManifest.PathFor(path))));
            }
            catch (ModelLoadException ex)
            {
                logger.LogWarning("Skipping {Model}: {Error}", path, ex.Message);
                result._unreadable.Add(ex.Message);
            }
        }
        return result;
    }

    /// <summary>The first model (by file name) whose manifest role is <paramref name="role"/>, or null.</summary>
    public string? FirstOf(string role) => _models.FirstOrDefault(m => m.Manifest.Role == role).Path;

    /// <summary>
    /// The VA and expression fusion models: the first fusion model with both a <c>va</c> and an <c>expr</c> output (returned
    /// twice), else the first with <c>va</c> and the first with <c>expr</c>.
    /// </summary>
    public (string Va, string Expr) PickFusion()
    {
        var fusion = _models.Where(m => m.Manifest.Role == "fusion").ToList();
        bool Has((string, ModelManifest Manifest) m, string output) => m.Manifest.Outputs.Any(o => o.Name == output);
        var both = fusion.FirstOrDefault(m => Has(m, EmotionLabels.VaOutput) && Has(m, EmotionLabels.ExpressionOutput));
        if (both.Path is not null)
            return (both.Path, both.Path);
        string? va = fusion.FirstOrDefault(m => Has(m, EmotionLabels.VaOutput)).Path;
        string? expr = fusion.FirstOrDefault(m => Has(m, EmotionLabels.ExpressionOutput)).Path;
        if (va is not null && expr is not null)
            return (va, expr);
        string missing = va is null && expr is null ? "no emotion fusion model (role 'fusion' with a 'va' [batch, 2] and an 'expr' [batch, 8] output)"
            : va is null ? "no valence/arousal model (role 'fusion', task va, output 'va' [batch, 2])"
            : "no expression model (role 'fusion', task expr, output 'expr' [batch, 8])";
        string found = _models.Count == 0 ? "it holds no models" : "it holds " + string.Join(", ", _models.Select(m => $"{Path.GetFileName(m.Path)} ({m.Manifest.Role}{(m.Manifest.Task is { } t ? ", " + t : "")})"));
        string skipped = _unreadable.Count == 0 ? "" : "; unreadable: " + string.Join("; ", _unreadable);
        throw new ModelLoadException(Folder, $"{missing}; {found}{skipped}");
    }
}
