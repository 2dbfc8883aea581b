using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Apps.Tests.Emotion;

/// <summary>
/// Tiny real emotion models with manifests, with the trainer's fusion contract (per stream <c>m</c> [batch, t_m, d] and
/// <c>m_mask</c> [batch, t_m] bool, each stream on its own time axis) and outputs that follow the masks in a known way:
/// valence = video rows present / 8 (a full 2 s window at 4 fps), arousal = audio rows present / 8, and the expression
/// softmax of logits [1, 0, 0, 0, 4 x text rows, 0, 0, 0] - 5 elsewhere (Happiness when an utterance starts in the
/// window, else Neutral).
/// </summary>
internal static class EmotionTestModels
{
    public const int ImageSize = 32, MelBins = 64, TextDims = 384;

    /// <summary>Fusion window 2 s every 0.5 s at 4 video rows per second: 8 rows.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(0.5);
    public const double VideoFps = 4;
    public const int TimeSteps = 8;

    /// <summary>The audio encoder's window: 0.5 s every 0.5 s, so a full 2 s window holds 4 audio rows (arousal 4 / 8 = 0.5).</summary>
    public static readonly TimeSpan AudioWindow = TimeSpan.FromSeconds(0.5);

    /// <summary>Writes face.onnx, audio.onnx and the fusion model(s) into <paramref name="dir"/>: va-fusion + expr-fusion, or one emotion-fusion with both outputs.</summary>
    public static string Save(string dir, bool combined = false, bool text = true)
    {
        Directory.CreateDirectory(dir);
        SaveFace(Path.Combine(dir, "face.onnx"));
        SaveAudio(Path.Combine(dir, "audio.onnx"));
        if (combined)
        {
            SaveFusion(Path.Combine(dir, "emotion-fusion.onnx"), "va+expr", va: true, expr: true, text);
        }
        else
        {
            SaveFusion(Path.Combine(dir, "va-fusion.onnx"), "va", va: true, expr: false, text);
            SaveFusion(Path.Combine(dir, "expr-fusion.onnx"), "expr", va: false, expr: true, text);
        }
        return dir;
    }

    /// <summary>The expression probabilities the graph gives for a number of text rows (double precision).</summary>
    public static double[] Expressions(double textRows)
    {
        double[] logits = [1, -5, -5, -5, 4 * textRows, -5, -5, -5];
        double z = logits.Sum(Math.Exp);
        return logits.Select(l => Math.Exp(l) / z).ToArray();
    }

    private static void SaveFace(string path)
    {
        // image [batch, 3, S, S] -> per-channel mean: 3 features.
        var g = new OnnxGraphBuilder("face")
            .AddInput("image", OnnxElementType.Float, "batch", 3, ImageSize, ImageSize)
            .AddOutput("features", OnnxElementType.Float, "batch", 3);
        g.AddNode("GlobalAveragePool", ["image"], ["pooled"]);
        g.AddNode("Flatten", ["pooled"], ["features"]).Attribute("axis", 1L);
        g.Save(path);
        Manifest(path, "face", "features", [Spec("image", "batch", 3, ImageSize, ImageSize)], [Spec("features", "batch", 3)],
            new PreprocessingSpec { Width = ImageSize, Height = ImageSize, FaceMargin = 0.2f }, null);
    }

    private static void SaveAudio(string path)
    {
        // log-mel [batch, time, 64] -> mean over time and bins: 1 feature.
        var g = new OnnxGraphBuilder("audio")
            .AddInput("mel", OnnxElementType.Float, "batch", "time", MelBins)
            .AddOutput("features", OnnxElementType.Float, "batch", 1);
        var fixedGraph = new OnnxGraphBuilder("audio")
            .AddInput("mel", OnnxElementType.Float, "batch", "time", MelBins)
            .AddOutput("features", OnnxElementType.Float, "batch", 1);
        fixedGraph.AddNode("ReduceMean", ["mel"], ["m"]).Attribute("axes", new long[] { 2 }).Attribute("keepdims", 0L);
        fixedGraph.AddNode("ReduceMean", ["m"], ["features"]).Attribute("axes", new long[] { 1 }).Attribute("keepdims", 1L);
        fixedGraph.Save(path);
        Manifest(path, "audio", "features", [Spec("mel", "batch", "time", MelBins)], [Spec("features", "batch", 1)],
            new PreprocessingSpec { SampleRateHz = 16_000, MelBins = MelBins, MelWindow = TimeSpan.FromMilliseconds(25), MelHop = TimeSpan.FromMilliseconds(10) },
            new WindowSpec { Length = AudioWindow, Hop = AudioWindow });
    }

    private static void SaveFusion(string path, string task, bool va, bool expr, bool text)
    {
        var streams = new List<(string Name, int Dims)> { ("video", 3), ("audio", 1) };
        if (text)
            streams.Add(("text", TextDims));
        var g = new OnnxGraphBuilder(Path.GetFileNameWithoutExtension(path));
        g.AddInt64Initializer("axis1", [1L], 1);
        var inputs = new List<TensorSpec>();
        foreach (var (name, dims) in streams)
        {
            string t = $"t_{name}";
            g.AddInput(name, OnnxElementType.Float, "batch", t, dims).AddInput($"{name}_mask", OnnxElementType.Bool, "batch", t);
            inputs.Add(Spec(name, "batch", t, dims));
            inputs.Add(Spec($"{name}_mask", "batch", t) with { Dtype = "bool" });
            g.AddNode("Cast", [$"{name}_mask"], [$"{name}_m"]).Attribute("to", (long)OnnxElementType.Float);
            g.AddNode("ReduceSum", [$"{name}_m", "axis1"], [$"{name}_rows"]).Attribute("keepdims", 1L);
            g.AddInitializer($"{name}_scale", [name == "text" ? 1f : 1f / 8], 1);
            g.AddNode("Mul", [$"{name}_rows", $"{name}_scale"], [$"{name}_frac"]);
        }
        if (!text)
        {
            // No text stream: its fraction is 0, shaped [batch, 1] like the others.
            g.AddInitializer("zero", [0f], 1);
            g.AddNode("Mul", ["video_frac", "zero"], ["text_frac"]);
        }
        var outputs = new List<TensorSpec>();
        if (va)
        {
            g.AddNode("Concat", ["video_frac", "audio_frac"], ["va"]).Attribute("axis", 1L);
            g.AddOutput("va", OnnxElementType.Float, "batch", 2);
            outputs.Add(Spec("va", "batch", 2));
        }
        if (expr)
        {
            g.AddInitializer("w", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8, 3);
            g.AddInitializer("b", [1, -5, -5, -5, 0, -5, -5, -5], 8);
            g.AddNode("Concat", ["video_frac", "audio_frac", "text_frac"], ["fracs"]).Attribute("axis", 1L);
            g.AddNode("Gemm", ["fracs", "w", "b"], ["logits"]).Attribute("transB", 1L);
            g.AddNode("Softmax", ["logits"], ["expr"]).Attribute("axis", -1L);
            g.AddOutput("expr", OnnxElementType.Float, "batch", 8);
            outputs.Add(Spec("expr", "batch", 8) with { Labels = TaskLabels.Expressions });
        }
        g.Save(path);
        Manifest(path, "fusion", task, inputs, outputs, null, new WindowSpec { Length = Window, Hop = Hop, VideoFps = VideoFps });
    }

    private static void Manifest(string path, string role, string task, IReadOnlyList<TensorSpec> inputs, IReadOnlyList<TensorSpec> outputs,
        PreprocessingSpec? preprocessing, WindowSpec? window) =>
        new ModelManifest
        {
            Name = Path.GetFileNameWithoutExtension(path),
            Role = role,
            Task = task,
            Inputs = inputs,
            Outputs = outputs,
            Preprocessing = preprocessing,
            Window = window,
            Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));

    private static TensorSpec Spec(string name, params object[] dims) => new()
    {
        Name = name,
        Shape = dims.Select(d => d is string s ? (ManifestDim)s : (ManifestDim)Convert.ToInt64(d)).ToList(),
    };
}
