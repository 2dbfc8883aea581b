using Microsoft.Extensions.Logging;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Manifests;

/// <summary>The models of one folder by manifest (role, task, outputs), read without loading any graph.</summary>
/// <remarks>
/// The apps pick their models from one folder by role and task (the defaults: <c>onnx/emotion</c>, <c>onnx/violence</c>).
/// A model whose manifest cannot be read is skipped with a warning and listed by <see cref="Describe"/>, so that a
/// "not found" message says what the folder does hold.
/// </remarks>
public sealed class ModelFolder
{
    private readonly List<(string Path, ModelManifest Manifest)> _models = [];
    private readonly List<string> _unreadable = [];

    private ModelFolder(string folder) => Folder = folder;

    /// <summary>The folder as given.</summary>
    public string Folder { get; }

    /// <summary>Every readable model, sorted by path.</summary>
    public IReadOnlyList<(string Path, ModelManifest Manifest)> Models => _models;

    /// <summary>Reads every <c>*.onnx</c> manifest in <paramref name="folder"/>; throws <see cref="ModelLoadException"/> when there is no such folder.</summary>
    public static ModelFolder Read(string folder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
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

    /// <summary>The first model (by file name) whose manifest role is <paramref name="role"/> (and task <paramref name="task"/> when given), or null.</summary>
    public string? FirstOf(string role, string? task = null) =>
        _models.FirstOrDefault(m => m.Manifest.Role == role && (task is null || m.Manifest.Task == task)).Path;

    /// <summary>What the folder holds, for an error message: "it holds a.onnx (image), b.onnx (fusion, violence); unreadable: ...".</summary>
    public string Describe()
    {
        string found = _models.Count == 0 ? "it holds no models"
            : "it holds " + string.Join(", ", _models.Select(m => $"{Path.GetFileName(m.Path)} ({m.Manifest.Role}{(m.Manifest.Task is { } t ? ", " + t : "")})"));
        return _unreadable.Count == 0 ? found : $"{found}; unreadable: {string.Join("; ", _unreadable)}";
    }
}
