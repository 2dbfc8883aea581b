using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Inference.Tests.Fusion;

/// <summary>A tiny fusion graph with a manifest: per modality a masked mean over time, concatenated, Gemm, Softmax.</summary>
internal static class TestFusionGraph
{
    public static readonly string[] Labels = ["Neutral", "Anger", "Happiness"];

    /// <summary>
    /// Saves "fusion-av.onnx" and its manifest in <paramref name="dir"/>; returns the model path. With
    /// <paramref name="axisPerStream"/> each stream has its own time axis <c>t_{name}</c> (as the trainer exports), else all share <c>t</c>.
    /// </summary>
    public static string Save(string dir, IReadOnlyList<(string Name, int Dim)> modalities, bool axisPerStream = false)
    {
        int fusedDims = modalities.Sum(m => m.Dim);
        var b = new OnnxGraphBuilder("fusion-av");
        b.AddInt64Initializer("axis2", [2L], 1).AddInt64Initializer("axis1", [1L], 1).AddInitializer("one", [1f], 1);
        var means = new List<string>();
        string Axis(string m) => axisPerStream ? $"t_{m}" : "t";
        foreach (var (m, d) in modalities)
        {
            b.AddInput(m, OnnxElementType.Float, "batch", Axis(m), d).AddInput($"{m}_mask", OnnxElementType.Bool, "batch", Axis(m));
            b.AddNode("Cast", [$"{m}_mask"], [$"{m}_m"]).Attribute("to", (long)OnnxElementType.Float);
            b.AddNode("Unsqueeze", [$"{m}_m", "axis2"], [$"{m}_m3"]);
            b.AddNode("Mul", [m, $"{m}_m3"], [$"{m}_x"]);
            b.AddNode("ReduceSum", [$"{m}_x", "axis1"], [$"{m}_sum"]).Attribute("keepdims", 0L);
            b.AddNode("ReduceSum", [$"{m}_m3", "axis1"], [$"{m}_n"]).Attribute("keepdims", 0L);
            b.AddNode("Max", [$"{m}_n", "one"], [$"{m}_n1"]);
            b.AddNode("Div", [$"{m}_sum", $"{m}_n1"], [$"{m}_mean"]);
            means.Add($"{m}_mean");
        }
        b.AddNode("Concat", means, ["fused"]).Attribute("axis", 1L);
        b.AddInitializer("w", TestGraphs.Weights(3 * fusedDims, seed: 31), 3, fusedDims);
        b.AddInitializer("b", TestGraphs.Weights(3, seed: 32), 3);
        b.AddNode("Gemm", ["fused", "w", "b"], ["logits"]).Attribute("transB", 1L);
        b.AddNode("Softmax", ["logits"], ["expr"]).Attribute("axis", -1L);
        b.AddOutput("expr", OnnxElementType.Float, "batch", 3);
        string path = Path.Combine(dir, "fusion-av.onnx");
        b.Save(path);
        new ModelManifest
        {
            Name = "fusion-av",
            Role = "fusion",
            Task = "expr",
            Inputs = modalities.SelectMany(m => new[]
            {
                new TensorSpec { Name = m.Name, Shape = ["batch", Axis(m.Name), m.Dim] },
                new TensorSpec { Name = $"{m.Name}_mask", Shape = ["batch", Axis(m.Name)], Dtype = "bool" },
            }).ToList(),
            Outputs = [new TensorSpec { Name = "expr", Shape = ["batch", 3L], Labels = Labels }],
            Window = new WindowSpec { Length = TimeSpan.FromSeconds(1), Hop = TimeSpan.FromSeconds(0.5), VideoFps = 4 },
            Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));
        return path;
    }

    /// <summary>The graph's probabilities computed directly in double precision from per-modality [t, d] features and masks.</summary>
    public static double[] Reference(IReadOnlyList<(float[] X, bool[] Mask, int Dim)> inputs, int timeSteps)
    {
        var fused = new List<double>();
        foreach (var (x, mask, d) in inputs)
        {
            int n = Math.Max(mask.Count(v => v), 1);
            for (int j = 0; j < d; j++)
                fused.Add(Enumerable.Range(0, Math.Min(timeSteps, mask.Length)).Where(t => mask[t]).Sum(t => (double)x[t * d + j]) / n);
        }
        float[] w = TestGraphs.Weights(3 * fused.Count, seed: 31), bias = TestGraphs.Weights(3, seed: 32);
        double[] logits = Enumerable.Range(0, 3).Select(c => bias[c] + fused.Select((f, k) => f * w[c * fused.Count + k]).Sum()).ToArray();
        double z = logits.Sum(Math.Exp);
        return logits.Select(l => Math.Exp(l) / z).ToArray();
    }
}
