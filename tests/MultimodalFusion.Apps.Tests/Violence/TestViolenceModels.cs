using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Apps.Tests.Violence;

/// <summary>A models folder with a tiny image extractor and a violence fusion model whose outputs the tests compute by hand.</summary>
internal static class TestViolenceModels
{
    /// <summary>Extractor input size (pixels) and features per frame.</summary>
    public const int ImageSize = 16, Features = 8;

    /// <summary>
    /// Extractor weights [3, 8]: channel means (R, G, B after the manifest's RGB order and mean 0 / std 1) -> features
    /// [r, g, b, 2r, 2g, 2b, r + g + b, -(r + g + b)].
    /// </summary>
    public static readonly float[] ExtractorWeights =
    [
        1, 0, 0, 2, 0, 0, 1, -1,
        0, 1, 0, 0, 2, 0, 1, -1,
        0, 0, 1, 0, 0, 2, 1, -1,
    ];

    /// <summary>The extractor's features of a uniform frame of colour (r, g, b) in 0..255.</summary>
    public static float[] ExpectedFeatures(double r, double g, double b)
    {
        double[] x = [r / 255, g / 255, b / 255];
        var f = new float[Features];
        for (int j = 0; j < Features; j++)
            f[j] = (float)(x[0] * ExtractorWeights[j] + x[1] * ExtractorWeights[Features + j] + x[2] * ExtractorWeights[2 * Features + j]);
        return f;
    }

    /// <summary>P(violent) of the fusion model for one frame's features: m = mean(features), logits [8 - 16 m, 16 m - 8].</summary>
    public static double ExpectedScore(float[] features) => 1 / (1 + Math.Exp(-(32 * features.Average() - 16)));

    /// <summary>
    /// Writes extractor.onnx (role image: image [batch, 3, 16, 16] -> per-channel mean -> MatMul -> features [batch, 8])
    /// and violence.onnx (role fusion, task violence: video [1, t, d] -> mean m -> "violence_frames" [1, t, 2]) with
    /// manifests into <paramref name="dir"/>; <paramref name="fusionFeatures"/> is the fusion model's d.
    /// </summary>
    public static string Save(string dir, int fusionFeatures = Features, bool withFusion = true)
    {
        Directory.CreateDirectory(dir);
        string extractor = Path.Combine(dir, "extractor.onnx");
        var image = new OnnxGraphBuilder("violence-test-extractor");
        image.AddInput("image", OnnxElementType.Float, "batch", 3, ImageSize, ImageSize);
        image.AddInitializer("w", ExtractorWeights, 3, Features);
        image.AddNode("ReduceMean", ["image"], ["means"]).Attribute("axes", new long[] { 2, 3 }).Attribute("keepdims", 0L);
        image.AddNode("MatMul", ["means", "w"], ["features"]);
        image.AddOutput("features", OnnxElementType.Float, "batch", Features);
        image.Save(extractor);
        new ModelManifest
        {
            Name = "violence-test-extractor",
            Role = "image",
            Task = "features",
            Inputs = [Spec("image", "batch", 3L, ImageSize, ImageSize)],
            Outputs = [Spec("features", "batch", Features)],
            Preprocessing = new PreprocessingSpec { Width = ImageSize, Height = ImageSize, ColorOrder = "rgb", Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f] },
            Sha256 = ModelLoader.Sha256Of(extractor),
        }.Save(ModelManifest.PathFor(extractor));
        if (!withFusion)
            return dir;

        string fusion = Path.Combine(dir, "violence.onnx");
        var graph = new OnnxGraphBuilder("violence-test-fusion");
        graph.AddInput("video", OnnxElementType.Float, 1, "t", fusionFeatures);
        graph.AddInitializer("scale", [-16f, 16f], 1, 2);
        graph.AddInitializer("bias", [8f, -8f], 2);
        graph.AddNode("ReduceMean", ["video"], ["m"]).Attribute("axes", new long[] { 2 }).Attribute("keepdims", 1L);
        graph.AddNode("MatMul", ["m", "scale"], ["scaled"]);
        graph.AddNode("Add", ["scaled", "bias"], ["violence_frames"]);
        graph.AddOutput("violence_frames", OnnxElementType.Float, 1, "t", 2);
        graph.Save(fusion);
        new ModelManifest
        {
            Name = "violence-test-fusion",
            Role = "fusion",
            Task = "violence",
            Inputs = [Spec("video", 1L, "t", fusionFeatures)],
            Outputs = [Spec("violence_frames", 1L, "t", 2L)],
            Sha256 = ModelLoader.Sha256Of(fusion),
        }.Save(ModelManifest.PathFor(fusion));
        return dir;
    }

    private static TensorSpec Spec(string name, params object[] dims) => new()
    {
        Name = name,
        Shape = dims.Select(d => d is string s ? (ManifestDim)s : (ManifestDim)Convert.ToInt64(d)).ToList(),
    };
}
