using MultimodalFusion.Onnx;

namespace MultimodalFusion.Benchmarks.Models;

/// <summary>Representative ONNX graphs written with <see cref="OnnxGraphBuilder"/> when no real model is available.</summary>
/// <remarks>Weights are seeded random numbers: the graphs have the shapes and operators of the real models, not their skill.</remarks>
public static class BenchGraphs
{
    /// <summary>Per-modality feature sizes of the representative fusion graph: image (video) 256, audio 128, text 384 (MiniLM).</summary>
    public static readonly IReadOnlyList<(string Name, int Dim)> FusionModalities = [("video", 256), ("audio", 128), ("text", 384)];

    /// <summary>Hidden size of each modality's GRU.</summary>
    public const int Hidden = 64;

    /// <summary>
    /// The fusion model's shape: per modality x [batch, t, d] and mask [batch, t] (bool) -> GRU (ONNX layout, linear
    /// before reset, as the exporter writes it) -> masked mean over time -> concat -> Gemm 64 + Relu -> two heads,
    /// <c>expr</c> (8-class softmax) and <c>va</c> (tanh valence/arousal). Modalities default to
    /// <see cref="FusionModalities"/>. Returns the saved path (<c>name.onnx</c> in <paramref name="dir"/>).
    /// </summary>
    public static string Fusion(string dir, IReadOnlyList<(string Name, int Dim)>? modalities = null, string name = "bench-fusion")
    {
        modalities ??= FusionModalities;
        var b = new OnnxGraphBuilder(name);
        var rng = new Random(11);
        b.AddInt64Initializer("axis1", [1L], 1).AddInt64Initializer("axis2", [2L], 1).AddInitializer("one", [1f], 1);
        var pooled = new List<string>();
        foreach (var (m, d) in modalities)
        {
            b.AddInput(m, OnnxElementType.Float, "batch", "t", d).AddInput($"{m}_mask", OnnxElementType.Bool, "batch", "t");
            b.AddInitializer($"{m}_W", Weights(rng, 3 * Hidden * d, 1 / Math.Sqrt(d)), 1, 3 * Hidden, d);
            b.AddInitializer($"{m}_R", Weights(rng, 3 * Hidden * Hidden, 1 / Math.Sqrt(Hidden)), 1, 3 * Hidden, Hidden);
            b.AddInitializer($"{m}_B", Weights(rng, 6 * Hidden, 0.1), 1, 6 * Hidden);
            b.AddNode("Transpose", [m], [$"{m}_tbd"]).Attribute("perm", [1L, 0L, 2L]);
            b.AddNode("GRU", [$"{m}_tbd", $"{m}_W", $"{m}_R", $"{m}_B"], [$"{m}_y", ""])
                .Attribute("hidden_size", (long)Hidden).Attribute("linear_before_reset", 1L);
            b.AddNode("Squeeze", [$"{m}_y", "axis1"], [$"{m}_tbh"]);                       // [t, batch, H]
            b.AddNode("Transpose", [$"{m}_tbh"], [$"{m}_h"]).Attribute("perm", [1L, 0L, 2L]);   // [batch, t, H]
            b.AddNode("Cast", [$"{m}_mask"], [$"{m}_mf"]).Attribute("to", (long)OnnxElementType.Float);
            b.AddNode("Unsqueeze", [$"{m}_mf", "axis2"], [$"{m}_m3"]);
            b.AddNode("Mul", [$"{m}_h", $"{m}_m3"], [$"{m}_hm"]);
            b.AddNode("ReduceSum", [$"{m}_hm", "axis1"], [$"{m}_sum"]).Attribute("keepdims", 0L);
            b.AddNode("ReduceSum", [$"{m}_m3", "axis1"], [$"{m}_n"]).Attribute("keepdims", 0L);
            b.AddNode("Max", [$"{m}_n", "one"], [$"{m}_n1"]);
            b.AddNode("Div", [$"{m}_sum", $"{m}_n1"], [$"{m}_mean"]);
            pooled.Add($"{m}_mean");
        }
        int fused = modalities.Count * Hidden;
        b.AddNode("Concat", pooled, ["fused"]).Attribute("axis", 1L);
        b.AddInitializer("w1", Weights(rng, 64 * fused, 1 / Math.Sqrt(fused)), 64, fused).AddInitializer("b1", Weights(rng, 64, 0.1), 64);
        b.AddNode("Gemm", ["fused", "w1", "b1"], ["z1"]).Attribute("transB", 1L);
        b.AddNode("Relu", ["z1"], ["h1"]);
        b.AddInitializer("we", Weights(rng, 8 * 64, 0.125), 8, 64).AddInitializer("wv", Weights(rng, 2 * 64, 0.125), 2, 64);
        b.AddNode("Gemm", ["h1", "we"], ["logits"]).Attribute("transB", 1L);
        b.AddNode("Softmax", ["logits"], ["expr"]).Attribute("axis", -1L);
        b.AddNode("Gemm", ["h1", "wv"], ["va_raw"]).Attribute("transB", 1L);
        b.AddNode("Tanh", ["va_raw"], ["va"]);
        b.AddOutput("expr", OnnxElementType.Float, "batch", 8).AddOutput("va", OnnxElementType.Float, "batch", 2);
        return Save(b, dir, name);
    }

    /// <summary>
    /// A small CNN image extractor: image [batch, 3, size, size] -> Conv 3->16 (3x3, stride 2) + Relu -> Conv 16->32
    /// (3x3, stride 2) + Relu -> global average pool -> Gemm to <paramref name="features"/>. Returns the saved path.
    /// </summary>
    public static string ImageCnn(string dir, int size = 224, int features = 128)
    {
        var b = new OnnxGraphBuilder("bench-image-cnn");
        var rng = new Random(12);
        b.AddInput("image", OnnxElementType.Float, "batch", 3, size, size);
        b.AddInitializer("c1", Weights(rng, 16 * 3 * 9, 0.2), 16, 3, 3, 3).AddInitializer("c1b", Weights(rng, 16, 0.1), 16);
        b.AddInitializer("c2", Weights(rng, 32 * 16 * 9, 0.08), 32, 16, 3, 3).AddInitializer("c2b", Weights(rng, 32, 0.1), 32);
        b.AddInitializer("fc", Weights(rng, features * 32, 0.18), features, 32);
        b.AddNode("Conv", ["image", "c1", "c1b"], ["a1"]).Attribute("strides", [2L, 2L]).Attribute("pads", [1L, 1L, 1L, 1L]);
        b.AddNode("Relu", ["a1"], ["r1"]);
        b.AddNode("Conv", ["r1", "c2", "c2b"], ["a2"]).Attribute("strides", [2L, 2L]).Attribute("pads", [1L, 1L, 1L, 1L]);
        b.AddNode("Relu", ["a2"], ["r2"]);
        b.AddNode("GlobalAveragePool", ["r2"], ["pooled"]);
        b.AddNode("Flatten", ["pooled"], ["flat"]).Attribute("axis", 1L);
        b.AddNode("Gemm", ["flat", "fc"], ["features"]).Attribute("transB", 1L);
        b.AddOutput("features", OnnxElementType.Float, "batch", features);
        return Save(b, dir, $"bench-image-cnn-{size}");
    }

    private static string Save(OnnxGraphBuilder builder, string dir, string name)
    {
        string path = Path.Combine(dir, name + ".onnx");
        builder.Save(path);
        return path;
    }

    private static float[] Weights(Random rng, int count, double scale) =>
        Enumerable.Range(0, count).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();
}
