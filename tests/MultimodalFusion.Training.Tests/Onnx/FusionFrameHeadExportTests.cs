using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Onnx;

/// <summary>
/// The per-frame head: ONNX Runtime's <c>{name}_frames</c> / <c>_frames_logits</c> match TorchSharp's per-frame
/// logits within 1e-5 at two batch sizes and lengths, the window outputs stay as before, the manifest lists the
/// outputs in graph order, the runtime loader accepts it and a checkpoint keeps the head.
/// </summary>
public sealed class FusionFrameHeadExportTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-training-frames-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<FusionKind, int> Kinds => new() { { FusionKind.CrossAttention, 3 }, { FusionKind.ModalWeights, 2 } };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FramesOutputMatchesTorchSharp(FusionKind fusion, int streams)
    {
        var options = new FusionModelOptions
        {
            Modalities = new ModalitySpec[] { new("video", 9), new("audio", 5), new("text", 7) }[..streams],
            Task = FusionTask.Classification, OutputSize = 3, HiddenSize = 6, ProjectionSize = 8, Heads = 3,
            Fusion = fusion, FrameHead = true,
        };
        manual_seed(77);
        using var model = new FusionModel(options);
        ParityHarness.Perturb(model);
        var export = new FusionExportOptions { Name = "violence-fusion", Task = "violence", OutputName = "violence", Labels = ["a", "b", "c"] };
        byte[] onnx = FusionOnnxExporter.BuildGraph(model, export).ToBytes();

        foreach (var (batch, lengths, absentRow) in new (int, int[], int?)[] { (4, [10, 6, 3], 2), (1, [3, 9, 5], null) })
        {
            int[] used = lengths[..streams];
            var (features, masks) = ParityHarness.Inputs(options, batch, used, seed: batch * 13 + used[0], absentRow);
            var (window, frames) = TorchFrames(model, options, features, masks, batch, used);
            var actual = ParityHarness.OrtForward(onnx, options, features, masks, batch, used);

            Assert.Equal(batch * used[0] * 3, frames.Length);
            double logitDiff = ParityHarness.MaxAbsDiff(frames, actual["violence_frames_logits"]);
            double probDiff = ParityHarness.MaxAbsDiff(ParityHarness.Softmax(frames, 3), actual["violence_frames"]);
            double windowDiff = ParityHarness.MaxAbsDiff(window, actual["violence_logits"]);
            Assert.True(logitDiff <= Tolerance, $"{fusion} batch {batch}: frame logits max abs diff {logitDiff:E2}");
            Assert.True(probDiff <= Tolerance, $"{fusion} batch {batch}: frame probabilities max abs diff {probDiff:E2}");
            Assert.True(windowDiff <= Tolerance, $"{fusion} batch {batch}: window logits max abs diff {windowDiff:E2}");
            // The window output of ForwardFrames is the plain forward's (up to CPU kernel scheduling noise).
            float[] plain = ParityHarness.TorchForward(model, options, features, masks, batch, used);
            Assert.True(ParityHarness.MaxAbsDiff(plain, window) <= 1e-6);
        }
    }

    [Fact]
    public void ManifestListsFrameOutputsAndTheRuntimeLoaderAcceptsThem()
    {
        var options = new FusionModelOptions
        {
            Modalities = [new("video", 6), new("audio", 4)], Task = FusionTask.Classification, OutputSize = 2,
            HiddenSize = 4, Heads = 2, FrameHead = true,
        };
        manual_seed(5);
        using var model = new FusionModel(options);
        string weights = Path.Combine(_directory, "violence.pt");
        FusionCheckpoint.Save(model, weights);
        using var restored = FusionCheckpoint.Load(weights);
        Assert.True(restored.Options.FrameHead);

        var export = FusionExportParityTests.ExportOptionsFor(options);
        string path = FusionOnnxExporter.Export(restored, export, _directory);
        using var loaded = new ModelLoader().Load(path);
        Assert.Equal(["violence", "violence_logits", "violence_frames", "violence_frames_logits"], loaded.Manifest.Outputs.Select(o => o.Name));
        var frames = loaded.Manifest.Outputs[2];
        Assert.Equal(3, frames.Shape.Count);
        Assert.Equal("t_video", frames.Shape[1].Symbol);
        Assert.Equal(2, frames.Labels!.Count);
    }

    [Fact]
    public void VaFramesOutputMatchesTorchSharpAndTheManifestHasNoFrameLogits()
    {
        var options = new FusionModelOptions
        {
            Modalities = [new("video", 9), new("audio", 5), new("text", 7)], Task = FusionTask.Regression, OutputSize = 2,
            HiddenSize = 6, ProjectionSize = 8, Heads = 3, FrameHead = true,
        };
        manual_seed(31);
        using var model = new FusionModel(options);
        ParityHarness.Perturb(model);
        var export = FusionExportParityTests.ExportOptionsFor(options);
        byte[] onnx = FusionOnnxExporter.BuildGraph(model, export).ToBytes();
        int[] lengths = [8, 4, 2];
        var (features, masks) = ParityHarness.Inputs(options, 3, lengths, seed: 9, absentRow: 1);
        var (window, frames) = TorchFrames(model, options, features, masks, 3, lengths);
        var actual = ParityHarness.OrtForward(onnx, options, features, masks, 3, lengths);

        Assert.Equal(3 * 8 * 2, actual["va_frames"].Length);
        Assert.True(ParityHarness.MaxAbsDiff(frames, actual["va_frames"]) <= Tolerance, "va_frames differ from TorchSharp");
        Assert.True(ParityHarness.MaxAbsDiff(window, actual["va"]) <= Tolerance, "va differs from TorchSharp");
        Assert.All(frames, v => Assert.InRange(v, -1f, 1f));
        Assert.False(actual.ContainsKey("va_frames_logits"));

        string path = FusionOnnxExporter.Export(model, export, _directory);
        using var loaded = new ModelLoader().Load(path);
        Assert.Equal(["va", "va_frames"], loaded.Manifest.Outputs.Select(o => o.Name));
        Assert.Equal(["valence", "arousal"], loaded.Manifest.Outputs[1].Labels!);
    }

    [Fact]
    public void FrameHeadIsRejectedForLateFusion()
    {
        var streams = new ModalitySpec[] { new("video", 4), new("audio", 4) };
        new FusionModelOptions { Modalities = streams, Task = FusionTask.Regression, FrameHead = true }.Validate();
        var late = Assert.Throws<ArgumentException>(() => new FusionModelOptions
            { Modalities = streams, Fusion = FusionKind.LateFusion, FrameHead = true }.Validate());
        Assert.Contains("FrameHead", late.Message);
        using var plain = new FusionModel(new FusionModelOptions { Modalities = streams, HiddenSize = 4, Heads = 2 });
        using var x = zeros(1, 2, 4);
        using var k = ones(1, 2, dtype: ScalarType.Bool);
        Assert.Throws<InvalidOperationException>(() => plain.ForwardFrames([x, x], [k, k]));
    }

    private static (float[] Window, float[] Frames) TorchFrames(FusionModel model, FusionModelOptions options, float[][] features, bool[][] masks, int batch, int[] lengths)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var (x, k) = ParityHarness.TorchInputs(options, features, masks, batch, lengths);
        var (window, frames) = model.ForwardFrames(x, k);
        return (window.contiguous().data<float>().ToArray(), frames.contiguous().data<float>().ToArray());
    }
}
