using System.CommandLine;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Emotion;

/// <summary><c>mmf emotion</c> in process: the bundled demo end to end with a tiny real model, usage and model errors.</summary>
public sealed class EmotionCommandTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-cli-emotion");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Without_a_source_the_demo_clip_runs_and_prints_a_line_per_window_and_the_summary()
    {
        string models = SaveModels(Path.Combine(_dir, "models"));
        string outDir = Path.Combine(_dir, "out");

        var (exit, output, error) = await RunAsync("--models", models, "--out", outDir, "--format", "csv");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        string[] windows = output.Split('\n').Where(l => l.StartsWith('[') && l.Contains(" present=", StringComparison.Ordinal)).ToArray();
        // The demo is 10 s long: 2 s windows every 0.5 s, 17 inside it and up to 4 flushed at its end.
        Assert.InRange(windows.Length, 17, 21);
        Assert.Contains($"Emotion session: {windows.Length} windows", output);
        Assert.Contains("emotion-demo.mp4", output);
        string csv = Path.Combine(outDir, "emotion.csv");
        Assert.Equal(windows.Length + 1, File.ReadAllLines(csv).Length);
        Assert.True(new FileInfo(Path.Combine(outDir, "emotion-trajectory.png")).Length > 10_000);
        Assert.Contains("Time per expression:", File.ReadAllText(Path.Combine(outDir, "emotion-summary.txt")));
    }

    [Fact]
    public async Task A_missing_model_folder_is_named_with_how_to_get_the_models_and_exits_1()
    {
        string missing = Path.Combine(_dir, "no-models");

        var (exit, _, error) = await RunAsync(RepoPaths.Media("Megamind.avi"), "--models", missing);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains(missing, error);
        Assert.Contains("tools/build-default-models.sh", error);
    }

    [Fact]
    public async Task A_folder_without_an_emotion_model_says_which_is_missing()
    {
        string models = SaveModels(Path.Combine(_dir, "models"));
        File.Delete(Path.Combine(models, "emotion-fusion.onnx"));

        var (exit, _, error) = await RunAsync(RepoPaths.Media("Megamind.avi"), "--models", models);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no emotion fusion model", error);
        Assert.Contains("face.onnx (face", error);
    }

    [Theory]
    [InlineData("--mic", "--audio", "x.wav")]
    [InlineData("--transcript", "talk.wav")]
    [InlineData("one.mp4", "two.mp4")]
    [InlineData("missing-clip.mp4")]
    [InlineData("clip.unknown")]
    public async Task Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var (exit, _, error) = await RunAsync([.. args, "--models", Path.Combine(_dir, "unused")]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("mmf emotion: ", error);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { EmotionCommand.Create() };
        ParseResult parse = root.Parse(["emotion", "--log-dir", Path.Combine(_dir, "logs"), .. args]);
        Assert.Empty(parse.Errors);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).WaitAsync(TimeSpan.FromMinutes(5));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// face.onnx (per-channel mean of the crop) and emotion-fusion.onnx taking the video stream only, with both outputs:
    /// va = [fraction of video slots present, 0], expr = softmax of [1, 0 ... 0].
    /// </summary>
    private static string SaveModels(string dir)
    {
        Directory.CreateDirectory(dir);
        string face = Path.Combine(dir, "face.onnx");
        var f = new OnnxGraphBuilder("face").AddInput("image", OnnxElementType.Float, "batch", 3, 32, 32).AddOutput("features", OnnxElementType.Float, "batch", 3);
        f.AddNode("GlobalAveragePool", ["image"], ["pooled"]);
        f.AddNode("Flatten", ["pooled"], ["features"]).Attribute("axis", 1L);
        f.Save(face);
        Manifest(face, "face", "features", [Spec("image", "batch", 3, 32, 32)], [Spec("features", "batch", 3)],
            new PreprocessingSpec { Width = 32, Height = 32 }, null);

        string fusion = Path.Combine(dir, "emotion-fusion.onnx");
        var g = new OnnxGraphBuilder("emotion-fusion")
            .AddInput("video", OnnxElementType.Float, "batch", "t", 3).AddInput("video_mask", OnnxElementType.Bool, "batch", "t")
            .AddInitializer("zero", [0f], 1)
            .AddInitializer("w", new float[8], 8, 1).AddInitializer("b", [1, 0, 0, 0, 0, 0, 0, 0], 8);
        g.AddNode("Cast", ["video_mask"], ["m"]).Attribute("to", (long)OnnxElementType.Float);
        g.AddNode("ReduceMean", ["m"], ["frac"]).Attribute("axes", new long[] { 1 }).Attribute("keepdims", 1L);
        g.AddNode("Mul", ["frac", "zero"], ["nil"]);
        g.AddNode("Concat", ["frac", "nil"], ["va"]).Attribute("axis", 1L);
        g.AddNode("Gemm", ["frac", "w", "b"], ["logits"]).Attribute("transB", 1L);
        g.AddNode("Softmax", ["logits"], ["expr"]).Attribute("axis", -1L);
        g.AddOutput("va", OnnxElementType.Float, "batch", 2).AddOutput("expr", OnnxElementType.Float, "batch", 8);
        g.Save(fusion);
        Manifest(fusion, "fusion", "va+expr", [Spec("video", "batch", "t", 3), Spec("video_mask", "batch", "t") with { Dtype = "bool" }],
            [Spec("va", "batch", 2), Spec("expr", "batch", 8) with { Labels = TaskLabels.Expressions }], null,
            new WindowSpec { Length = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(0.5), VideoFps = 4 });
        return dir;
    }

    private static void Manifest(string path, string role, string task, IReadOnlyList<TensorSpec> inputs, IReadOnlyList<TensorSpec> outputs,
        PreprocessingSpec? preprocessing, WindowSpec? window) =>
        new ModelManifest
        {
            Name = Path.GetFileNameWithoutExtension(path), Role = role, Task = task, Inputs = inputs, Outputs = outputs,
            Preprocessing = preprocessing, Window = window, Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));

    private static TensorSpec Spec(string name, params object[] dims) => new()
    {
        Name = name,
        Shape = dims.Select(d => d is string s ? (ManifestDim)s : (ManifestDim)Convert.ToInt64(d)).ToList(),
    };
}
