using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Manifests;

/// <summary>Finds installed models (<c>*.onnx</c> files; fp16 variants are not separate models) and checks each one.</summary>
public static class ModelCatalog
{
    /// <summary>The folder the product ships its default models in, relative to the working directory.</summary>
    public const string DefaultFolder = "onnx";

    /// <summary>The default models of the emotion profile (extractors + VA and expression fusion models).</summary>
    public static string EmotionFolder { get; } = Path.Combine(DefaultFolder, "emotion");

    /// <summary>The default models of the violence profile (image/audio extractors + the per-frame violence fusion model).</summary>
    public static string ViolenceFolder { get; } = Path.Combine(DefaultFolder, "violence");

    /// <summary>
    /// Model files under <paramref name="paths"/>, sorted: files are taken as given, folders are searched (with
    /// <paramref name="recursive"/> their subfolders too: the defaults sit in one folder per profile, <c>onnx/emotion</c>
    /// and <c>onnx/violence</c>, because the apps pick extractors from one folder by role).
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, bool recursive = false)
    {
        var search = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            if (File.Exists(path))
                found.Add(path);
            else if (Directory.Exists(path))
                found.UnionWith(Directory.EnumerateFiles(path, "*.onnx", search).Where(f => !f.EndsWith(".fp16.onnx", StringComparison.Ordinal)));
            else
                throw new FileNotFoundException($"{path}: no such model file or folder.", path);
        }
        return found.ToList();
    }

    /// <summary>Loads each model with <paramref name="loader"/> (CPU, no warm-up) and reports whether it matches its manifest.</summary>
    public static IReadOnlyList<ModelCheck> Check(IEnumerable<string> modelPaths, ModelLoader loader)
    {
        var checks = new List<ModelCheck>();
        foreach (string path in modelPaths)
        {
            try
            {
                using var model = loader.Load(path, new OrtSessionOptions { WarmUpRuns = 0, IntraOpThreads = 1 });
                checks.Add(new ModelCheck(path, model.Manifest, null));
            }
            catch (ModelLoadException ex)
            {
                checks.Add(new ModelCheck(path, null, ex.Message));
            }
        }
        return checks;
    }
}
