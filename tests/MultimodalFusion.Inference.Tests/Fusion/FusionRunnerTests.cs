using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Fusion;

public sealed class FusionRunnerTests : IDisposable
{
    private const int T = 4;
    private static readonly (string Name, int Dim)[] s_modalities = [("video", 3), ("audio", 2)];
    private static readonly string[] s_labels = ["Neutral", "Anger", "Happiness"];
    private readonly string _dir = RepoPaths.NewTempDir("mmf-fusion");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Masked mean over time per modality -> concat -> Gemm -> Softmax; saved with a valid manifest.</summary>
    private string FusionModel()
    {
        var b = new OnnxGraphBuilder("fusion-tiny");
        b.AddInt64Initializer("axis2", [2L], 1).AddInt64Initializer("axis1", [1L], 1).AddInitializer("one", [1f], 1);
        var means = new List<string>();
        foreach (var (m, d) in s_modalities)
        {
            b.AddInput(m, OnnxElementType.Float, "batch", "t", d).AddInput($"{m}_mask", OnnxElementType.Bool, "batch", "t");
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
        b.AddInitializer("w", TestGraphs.Weights(3 * 5, seed: 11), 3, 5);
        b.AddInitializer("b", TestGraphs.Weights(3, seed: 12), 3);
        b.AddNode("Gemm", ["fused", "w", "b"], ["logits"]).Attribute("transB", 1L);
        b.AddNode("Softmax", ["logits"], ["expr"]).Attribute("axis", -1L);
        b.AddOutput("expr", OnnxElementType.Float, "batch", 3);
        string path = Path.Combine(_dir, "fusion-tiny.onnx");
        b.Save(path);
        new ModelManifest
        {
            Name = "fusion-tiny",
            Role = "fusion",
            Task = "expr",
            Inputs = s_modalities.SelectMany(m => new[]
            {
                new TensorSpec { Name = m.Name, Shape = ["batch", "t", m.Dim] },
                new TensorSpec { Name = $"{m.Name}_mask", Shape = ["batch", "t"], Dtype = "bool" },
            }).ToList(),
            Outputs = [new TensorSpec { Name = "expr", Shape = ["batch", 3L], Labels = s_labels }],
            Window = new WindowSpec { Length = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(0.5), VideoFps = 2 },
            Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));
        return path;
    }

    private static float[] Reference(Dictionary<string, (float[] X, bool[] Mask)> inputs)
    {
        var fused = new List<double>();
        foreach (var (m, d) in s_modalities)
        {
            var (x, mask) = inputs[m];
            int n = mask.Count(v => v);
            for (int j = 0; j < d; j++)
                fused.Add(Enumerable.Range(0, T).Where(t => mask[t]).Sum(t => (double)x[t * d + j]) / Math.Max(n, 1));
        }
        float[] w = TestGraphs.Weights(15, seed: 11), bias = TestGraphs.Weights(3, seed: 12);
        double[] logits = Enumerable.Range(0, 3).Select(c => bias[c] + fused.Select((f, k) => f * w[c * 5 + k]).Sum()).ToArray();
        double z = logits.Sum(Math.Exp);
        return logits.Select(l => (float)(Math.Exp(l) / z)).ToArray();
    }

    [Fact]
    public void Masked_window_gives_the_reference_probabilities_and_label()
    {
        using var model = new ModelLoader().Load(FusionModel());
        using var runner = new FusionRunner(model, T);
        var inputs = new Dictionary<string, (float[] X, bool[] Mask)>
        {
            ["video"] = (TestGraphs.Weights(T * 3, seed: 21), [true, true, false, true]),
            ["audio"] = (TestGraphs.Weights(T * 2, seed: 22), [false, false, false, false]),   // audio absent
        };

        foreach (var (name, (x, mask)) in inputs)
        {
            x.CopyTo(runner.Sequence(name));
            mask.CopyTo(runner.Mask($"{name}_mask"));
        }
        runner.Run();

        float[] expected = Reference(inputs);
        float[] actual = runner.Output("expr").ToArray();
        for (int c = 0; c < 3; c++)
            Assert.Equal(expected[c], actual[c], 1e-5f);
        Assert.Equal(1f, actual.Sum(), 1e-5f);
        Assert.Equal(s_labels[Array.IndexOf(expected, expected.Max())], runner.TopLabel("expr"));

        // A second window through the same bound buffers: no allocation, new numbers.
        inputs["audio"] = (inputs["audio"].X, [true, true, true, true]);
        inputs["audio"].Mask.CopyTo(runner.Mask("audio_mask"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        runner.Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        float[] second = Reference(inputs);
        for (int c = 0; c < 3; c++)
            Assert.Equal(second[c], runner.Output("expr")[c], 1e-5f);
    }

    [Fact]
    public void Unknown_or_mistyped_buffer_names_fail_clearly()
    {
        using var model = new ModelLoader().Load(FusionModel());
        using var runner = new FusionRunner(model, T);
        var unknown = Assert.Throws<ArgumentException>(() => runner.Sequence("text"));
        Assert.Contains("no tensor named 'text'", unknown.Message);
        var mistyped = Assert.Throws<ArgumentException>(() => runner.Sequence("video_mask"));
        Assert.Contains("'video_mask' holds Boolean, not Single", mistyped.Message);
    }
}
