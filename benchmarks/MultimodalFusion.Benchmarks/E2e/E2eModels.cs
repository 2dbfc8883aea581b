using MultimodalFusion.Benchmarks.Models;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// The image extractor and fusion model of the e2e harness, loaded through <see cref="ModelLoader"/> (manifest and hash
/// checked): from the models folder when it holds an image model and a fusion model with a "video" input, otherwise
/// the representative graphs of <see cref="BenchGraphs"/> written with manifests into a scratch folder.
/// </summary>
/// <remarks>Owns both sessions; dispose after every extractor and runner over them.</remarks>
public sealed class E2eModels : IDisposable
{
    /// <summary>The fusion graph's video inputs, by the manifests' convention.</summary>
    public const string VideoInput = "video", VideoMask = "video_mask";

    private E2eModels(LoadedModel image, LoadedModel fusion, string origin)
    {
        Image = image;
        Fusion = fusion;
        Origin = origin;
        Normalization = ImageNormalization.FromManifest(image.Manifest.Preprocessing ?? new PreprocessingSpec(), image.Manifest.Name);
    }

    /// <summary>The image feature extractor.</summary>
    public LoadedModel Image { get; }

    /// <summary>The fusion model.</summary>
    public LoadedModel Fusion { get; }

    /// <summary>The image model's preprocessing.</summary>
    public ImageNormalization Normalization { get; }

    /// <summary>Where the models came from (for the report).</summary>
    public string Origin { get; }

    /// <summary>Loads the models; built graphs for <paramref name="window"/>/<paramref name="hop"/> go into <paramref name="scratch"/>.</summary>
    public static E2eModels Load(string scratch, TimeSpan window, TimeSpan hop, ExecutionProvider provider = ExecutionProvider.Cpu)
    {
        var loader = new ModelLoader(new OnnxSessionFactory());
        var options = new OrtSessionOptions { IntraOpThreads = 1, Provider = provider };
        if (BenchModels.Directory() is { } dir && Find(dir) is var (imagePath, fusionPath) && imagePath is not null && fusionPath is not null)
            return new E2eModels(loader.Load(imagePath, options), loader.Load(fusionPath, options), $"from {dir}");

        string image = BenchGraphs.ImageCnn(scratch);
        const int features = 128;
        Save(image, new ModelManifest
        {
            Name = Path.GetFileNameWithoutExtension(image),
            Role = "image",
            Inputs = [new TensorSpec { Name = "image", Shape = ["batch", 3L, 224L, 224L] }],
            Outputs = [new TensorSpec { Name = "features", Shape = ["batch", (long)features] }],
            Preprocessing = new PreprocessingSpec { Width = 224, Height = 224 },
        });
        string fusion = BenchGraphs.Fusion(scratch, [(VideoInput, features)], "bench-fusion-video");
        Save(fusion, new ModelManifest
        {
            Name = "bench-fusion-video",
            Role = "fusion",
            Task = "va+expr",
            Inputs =
            [
                new TensorSpec { Name = VideoInput, Shape = ["batch", "t", (long)features] },
                new TensorSpec { Name = VideoMask, Shape = ["batch", "t"], Dtype = "bool" },
            ],
            Outputs =
            [
                new TensorSpec { Name = "expr", Shape = ["batch", 8L], Labels = ["Neutral", "Anger", "Disgust", "Fear", "Happiness", "Sadness", "Surprise", "Other"] },
                new TensorSpec { Name = "va", Shape = ["batch", 2L] },
            ],
            Window = new WindowSpec { Length = window, Hop = hop },
        });
        return new E2eModels(loader.Load(image, options), loader.Load(fusion, options), "representative graphs written at setup (random weights)");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Image.Dispose();
        Fusion.Dispose();
    }

    private static (string? Image, string? Fusion) Find(string dir)
    {
        string? image = null, fusion = null;
        foreach (string json in Directory.EnumerateFiles(dir, "*.json").Order())
        {
            string model = Path.ChangeExtension(json, ".onnx");
            if (!File.Exists(model))
                continue;
            var manifest = ModelManifest.Load(json);
            if (manifest.Role == "image")
                image ??= model;
            else if (manifest.Role == "fusion" && manifest.Inputs.Any(i => i.Name == VideoInput))
                fusion ??= model;
        }
        return (image, fusion);
    }

    private static void Save(string modelPath, ModelManifest manifest) =>
        (manifest with
        {
            Provenance = new System.Text.Json.Nodes.JsonObject { ["source"] = "MultimodalFusion.Benchmarks BenchGraphs (seeded random weights)" },
            Sha256 = ModelLoader.Sha256Of(modelPath),
        }).Save(ModelManifest.PathFor(modelPath));
}
