using MultimodalFusion.Cli.Tests.Features;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>
/// Tiny fusion graphs with manifests whose outputs are simple known functions of their inputs, so a test can compute the
/// expected predictions from the feature cache on its own.
/// </summary>
internal static class TestFusionModels
{
    /// <summary>Window length and hop of both models (short: the test videos last a few seconds).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1), Hop = TimeSpan.FromSeconds(0.5);

    /// <summary>Valence = tanh(ValenceGain x present video steps), arousal = tanh(ArousalGain x present audio steps).</summary>
    public const float ValenceGain = 0.05f, ArousalGain = 0.3f;

    /// <summary>
    /// <c>violence-fusion</c> (streams video, audio): per-frame head <c>violence_frames</c> = [1 - p, p] with
    /// p = sigmoid(x - mean x), x the first video feature of the step and the mean over the window's present steps
    /// (padding excluded by the mask); window output <c>violence</c> = the frame row of the window's first step.
    /// </summary>
    public static string SaveViolence(string dir)
    {
        string path = Path.Combine(dir, "violence-fusion.onnx");
        var graph = Streams(new OnnxGraphBuilder("violence-fusion"))
            .AddInt64Initializer("starts", [0], 1).AddInt64Initializer("ends", [1], 1).AddInt64Initializer("axes", [2], 1)
            .AddInt64Initializer("time", [1], 1)
            .AddInitializer("one", [1f], 1)
            .AddOutput("violence", OnnxElementType.Float, "batch", 2)
            .AddOutput("violence_frames", OnnxElementType.Float, "batch", "t_video", 2);
        graph.AddNode("Slice", ["video", "starts", "ends", "axes"], ["first"]);           // [b, t, 1]
        graph.AddNode("Cast", ["video_mask"], ["present"]).Attribute("to", (long)OnnxElementType.Float);
        graph.AddNode("Unsqueeze", ["present", "axes"], ["present3"]);                    // [b, t, 1]
        graph.AddNode("Mul", ["first", "present3"], ["kept"]);
        graph.AddNode("ReduceSum", ["kept", "time"], ["sum"]).Attribute("keepdims", 1L);  // [b, 1, 1]
        graph.AddNode("ReduceSum", ["present3", "time"], ["count"]).Attribute("keepdims", 1L);
        graph.AddNode("Div", ["sum", "count"], ["mean"]);
        graph.AddNode("Sub", ["first", "mean"], ["centred"]);
        graph.AddNode("Sigmoid", ["centred"], ["p"]);
        graph.AddNode("Sub", ["one", "p"], ["q"]);
        graph.AddNode("Concat", ["q", "p"], ["violence_frames"]).Attribute("axis", 2L);
        graph.AddNode("Slice", ["centred", "starts", "ends", "time"], ["first_step"]);       // [b, 1, 1]
        graph.AddNode("Squeeze", ["first_step", "axes"], ["first_centred"]);                 // [b, 1]
        graph.AddNode("Sigmoid", ["first_centred"], ["pw"]);
        graph.AddNode("Sub", ["one", "pw"], ["qw"]);
        graph.AddNode("Concat", ["qw", "pw"], ["violence"]).Attribute("axis", 1L);
        graph.Save(path);
        Manifest(path, "violence", [Spec("violence", "batch", 2), Spec("violence_frames", "batch", "t_video", 2)]);
        return path;
    }

    /// <summary><c>va-fusion</c> (streams video, audio): [tanh(a x video steps present), tanh(b x audio steps present)] per window.</summary>
    public static string SaveVa(string dir)
    {
        string path = Path.Combine(dir, "va-fusion.onnx");
        var graph = Streams(new OnnxGraphBuilder("va-fusion"))
            .AddInt64Initializer("time", [1], 1)
            .AddInitializer("gains", [ValenceGain, ArousalGain], 2)
            .AddOutput("va", OnnxElementType.Float, "batch", 2);
        graph.AddNode("Cast", ["video_mask"], ["video_present"]).Attribute("to", (long)OnnxElementType.Float);
        graph.AddNode("Cast", ["audio_mask"], ["audio_present"]).Attribute("to", (long)OnnxElementType.Float);
        graph.AddNode("ReduceSum", ["video_present", "time"], ["video_steps"]).Attribute("keepdims", 1L);
        graph.AddNode("ReduceSum", ["audio_present", "time"], ["audio_steps"]).Attribute("keepdims", 1L);
        graph.AddNode("Concat", ["video_steps", "audio_steps"], ["steps"]).Attribute("axis", 1L);
        graph.AddNode("Mul", ["steps", "gains"], ["scaled"]);
        graph.AddNode("Tanh", ["scaled"], ["va"]);
        graph.Save(path);
        Manifest(path, "va", [Spec("va", "batch", 2)]);
        return path;
    }

    /// <summary>
    /// <c>va-fusion</c> with a per-frame head: <c>va</c> as <see cref="SaveVa"/>, and <c>va_frames</c> [b, t_video, 2] =
    /// tanh of each video step's first two features (padding included; eval ignores steps without a frame).
    /// </summary>
    public static string SaveVaFrames(string dir)
    {
        string path = Path.Combine(dir, "va-fusion.onnx");
        var graph = Streams(new OnnxGraphBuilder("va-fusion"))
            .AddInt64Initializer("time", [1], 1)
            .AddInitializer("gains", [ValenceGain, ArousalGain], 2)
            .AddInt64Initializer("starts", [0], 1).AddInt64Initializer("ends", [2], 1).AddInt64Initializer("features", [2], 1)
            .AddOutput("va", OnnxElementType.Float, "batch", 2)
            .AddOutput("va_frames", OnnxElementType.Float, "batch", "t_video", 2);
        graph.AddNode("Cast", ["video_mask"], ["video_present"]).Attribute("to", (long)OnnxElementType.Float);
        graph.AddNode("Cast", ["audio_mask"], ["audio_present"]).Attribute("to", (long)OnnxElementType.Float);
        graph.AddNode("ReduceSum", ["video_present", "time"], ["video_steps"]).Attribute("keepdims", 1L);
        graph.AddNode("ReduceSum", ["audio_present", "time"], ["audio_steps"]).Attribute("keepdims", 1L);
        graph.AddNode("Concat", ["video_steps", "audio_steps"], ["steps"]).Attribute("axis", 1L);
        graph.AddNode("Mul", ["steps", "gains"], ["scaled"]);
        graph.AddNode("Tanh", ["scaled"], ["va"]);
        graph.AddNode("Slice", ["video", "starts", "ends", "features"], ["first_two"]);   // [b, t, 2]
        graph.AddNode("Tanh", ["first_two"], ["va_frames"]);
        graph.Save(path);
        Manifest(path, "va", [Spec("va", "batch", 2), Spec("va_frames", "batch", "t_video", 2)]);
        return path;
    }

    /// <summary>
    /// <c>expr-fusion</c> (streams video, audio): <c>expr</c> = softmax over k = 0..7 of -|k - n|, n = the window's present
    /// audio steps, so the top class is the audio row count (capped at 7).
    /// </summary>
    public static string SaveExpr(string dir)
    {
        string path = Path.Combine(dir, "expr-fusion.onnx");
        var graph = Streams(new OnnxGraphBuilder("expr-fusion"))
            .AddInt64Initializer("time", [1], 1)
            .AddInitializer("classes", [0f, 1, 2, 3, 4, 5, 6, 7], 1, 8)
            .AddOutput("expr", OnnxElementType.Float, "batch", 8);
        graph.AddNode("Cast", ["audio_mask"], ["audio_present"]).Attribute("to", (long)OnnxElementType.Float);
        graph.AddNode("ReduceSum", ["audio_present", "time"], ["audio_steps"]).Attribute("keepdims", 1L);   // [b, 1]
        graph.AddNode("Sub", ["classes", "audio_steps"], ["distance"]);                                        // [b, 8]
        graph.AddNode("Abs", ["distance"], ["far"]);
        graph.AddNode("Neg", ["far"], ["logits"]);
        graph.AddNode("Softmax", ["logits"], ["expr"]).Attribute("axis", 1L);
        graph.Save(path);
        Manifest(path, "expr", [Spec("expr", "batch", 8)]);
        return path;
    }

    private static OnnxGraphBuilder Streams(OnnxGraphBuilder graph) => graph
        .AddInput("video", OnnxElementType.Float, "batch", "t_video", TestExtractorModels.ImageFeatures)
        .AddInput("video_mask", OnnxElementType.Bool, "batch", "t_video")
        .AddInput("audio", OnnxElementType.Float, "batch", "t_audio", TestExtractorModels.AudioFeatures)
        .AddInput("audio_mask", OnnxElementType.Bool, "batch", "t_audio");

    private static void Manifest(string path, string task, IReadOnlyList<TensorSpec> outputs) => new ModelManifest
    {
        Name = Path.GetFileNameWithoutExtension(path),
        Role = "fusion",
        Task = task,
        Inputs =
        [
            Spec("video", "batch", "t_video", TestExtractorModels.ImageFeatures), Spec("video_mask", "batch", "t_video") with { Dtype = "bool" },
            Spec("audio", "batch", "t_audio", TestExtractorModels.AudioFeatures), Spec("audio_mask", "batch", "t_audio") with { Dtype = "bool" },
        ],
        Outputs = outputs,
        Window = new WindowSpec { Length = Window, Hop = Hop },
        Sha256 = ModelLoader.Sha256Of(path),
    }.Save(ModelManifest.PathFor(path));

    private static TensorSpec Spec(string name, params object[] dims) => new()
    {
        Name = name,
        Shape = dims.Select(d => d is string s ? (ManifestDim)s : (ManifestDim)Convert.ToInt64(d)).ToList(),
    };
}
