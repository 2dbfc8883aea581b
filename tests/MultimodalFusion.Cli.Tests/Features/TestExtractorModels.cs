using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Cli.Tests.Features;

/// <summary>Tiny real extractor models with manifests (image, clip, audio) saved into a folder for <c>mmf features</c>.</summary>
internal static class TestExtractorModels
{
    public const int ImageSize = 32, ImageFeatures = 8, ClipFeatures = 6, AudioFeatures = 5, MelBins = 64;

    /// <summary>Audio windows: 1 s every 0.5 s.</summary>
    public static readonly TimeSpan AudioWindow = TimeSpan.FromSeconds(1), AudioHop = TimeSpan.FromSeconds(0.5);

    /// <summary>Clip span: 2 s.</summary>
    public static readonly TimeSpan ClipWindow = TimeSpan.FromSeconds(2);

    /// <summary>Saves image.onnx (role image), and when asked clip.onnx and audio.onnx, with manifests; returns the folder.</summary>
    public static string Save(string dir, bool clip = true, bool audio = true)
    {
        Directory.CreateDirectory(dir);
        // image [batch, 3, S, S] -> global average pool -> Gemm to 8 features.
        string image = Path.Combine(dir, "image.onnx");
        var imageGraph = new OnnxGraphBuilder("image")
            .AddInput("image", OnnxElementType.Float, "batch", 3, ImageSize, ImageSize)
            .AddInitializer("w", Weights(ImageFeatures * 3, 3), ImageFeatures, 3)
            .AddInitializer("b", Weights(ImageFeatures, 4), ImageFeatures)
            .AddOutput("features", OnnxElementType.Float, "batch", ImageFeatures);
        imageGraph.AddNode("GlobalAveragePool", ["image"], ["pooled"]);
        imageGraph.AddNode("Flatten", ["pooled"], ["flat"]).Attribute("axis", 1L);
        imageGraph.AddNode("Gemm", ["flat", "w", "b"], ["features"]).Attribute("transB", 1L);
        imageGraph.Save(image);
        Manifest(image, "image", [Spec("image", "batch", 3, ImageSize, ImageSize)], Spec("features", "batch", ImageFeatures),
            new PreprocessingSpec { Width = ImageSize, Height = ImageSize }, null);
        if (clip)
        {
            // clip [batch, 16, 3, S, S] -> mean over time and pixels -> [batch, 3] -> Gemm to 6 features.
            string path = Path.Combine(dir, "clip.onnx");
            var graph = new OnnxGraphBuilder("clip")
                .AddInput("clip", OnnxElementType.Float, "batch", 16, 3, ImageSize, ImageSize)
                .AddInitializer("w", Weights(ClipFeatures * 3, 5), ClipFeatures, 3)
                .AddInitializer("b", Weights(ClipFeatures, 6), ClipFeatures)
                .AddOutput("features", OnnxElementType.Float, "batch", ClipFeatures);
            graph.AddNode("ReduceMean", ["clip"], ["mean"]).Attribute("axes", new long[] { 1, 3, 4 }).Attribute("keepdims", 0L);
            graph.AddNode("Gemm", ["mean", "w", "b"], ["features"]).Attribute("transB", 1L);
            graph.Save(path);
            Manifest(path, "clip", [Spec("clip", "batch", 16, 3, ImageSize, ImageSize)], Spec("features", "batch", ClipFeatures),
                new PreprocessingSpec { Width = ImageSize, Height = ImageSize }, new WindowSpec { Length = ClipWindow, Hop = TimeSpan.FromSeconds(0.5) });
        }
        if (audio)
        {
            // log-mel [batch, time, 64] -> mean over time -> Gemm to 5 features.
            string path = Path.Combine(dir, "audio.onnx");
            var graph = new OnnxGraphBuilder("audio")
                .AddInput("mel", OnnxElementType.Float, "batch", "time", MelBins)
                .AddInitializer("w", Weights(AudioFeatures * MelBins, 7), AudioFeatures, MelBins)
                .AddInitializer("b", Weights(AudioFeatures, 8), AudioFeatures)
                .AddOutput("features", OnnxElementType.Float, "batch", AudioFeatures);
            graph.AddNode("ReduceMean", ["mel"], ["mean"]).Attribute("axes", new long[] { 1 }).Attribute("keepdims", 0L);
            graph.AddNode("Gemm", ["mean", "w", "b"], ["features"]).Attribute("transB", 1L);
            graph.Save(path);
            Manifest(path, "audio", [Spec("mel", "batch", "time", MelBins)], Spec("features", "batch", AudioFeatures),
                new PreprocessingSpec { SampleRateHz = 16_000, MelBins = MelBins, MelWindow = TimeSpan.FromMilliseconds(25), MelHop = TimeSpan.FromMilliseconds(10) },
                new WindowSpec { Length = AudioWindow, Hop = AudioHop });
        }
        return dir;
    }

    private static void Manifest(string path, string role, IReadOnlyList<TensorSpec> inputs, TensorSpec output, PreprocessingSpec preprocessing, WindowSpec? window) =>
        new ModelManifest
        {
            Name = Path.GetFileNameWithoutExtension(path),
            Role = role,
            Task = "features",
            Inputs = inputs,
            Outputs = [output],
            Preprocessing = preprocessing,
            Window = window,
            Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));

    private static TensorSpec Spec(string name, params object[] dims) => new()
    {
        Name = name,
        Shape = dims.Select(d => d is string s ? (ManifestDim)s : (ManifestDim)Convert.ToInt64(d)).ToList(),
    };

    private static float[] Weights(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
    }
}
