using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>
/// Every exported backbone graph against the TorchSharp forward it was written from: random weights and batch-norm
/// statistics, random inputs, max abs difference &lt;= 1e-5 at two batch sizes (and two audio lengths).
/// </summary>
public sealed class BackboneExportParityTests
{
    private const double Tolerance = 1e-5;
    private static readonly BackboneExportOptions s_export = new() { Name = "parity", Data = "random weights (parity test)" };

    [Fact]
    public void SmallImageCnnMatchesOnnxRuntimeAtTwoBatchSizes()
    {
        torch.manual_seed(21);
        using var model = BackboneTestKit.SmallImage();
        BackboneTestKit.Randomise(model, n => BackboneTestKit.ImageLike(model.InputShape(n)));
        byte[] onnx = BackboneOnnxExporter.BuildGraph(model, s_export).ToBytes();
        foreach (long batch in new long[] { 1, 3 })
            AssertParity(model, onnx, "image", model.InputShape(batch), BackboneTestKit.ImageLike);
    }

    [Fact]
    public void ClipStemMatchesOnnxRuntimeAtTwoBatchSizes()
    {
        torch.manual_seed(22);
        using var model = BackboneTestKit.SmallClip();
        Assert.Equal(8, model.Options.StemFrames);   // 16 frames, temporal stride 2
        BackboneTestKit.Randomise(model, n => BackboneTestKit.ImageLike(model.InputShape(n)));
        byte[] onnx = BackboneOnnxExporter.BuildGraph(model, s_export).ToBytes();
        foreach (long batch in new long[] { 1, 2 })
            AssertParity(model, onnx, "clip", model.InputShape(batch), BackboneTestKit.ImageLike);
    }

    [Fact]
    public void LogMelAudioEncoderMatchesOnnxRuntimeAtTwoBatchSizesAndTwoLengths()
    {
        torch.manual_seed(23);
        using var model = BackboneTestKit.SmallAudio();
        BackboneTestKit.Randomise(model, n => BackboneTestKit.LogMelLike(model.InputShape(n, 201)));
        byte[] onnx = BackboneOnnxExporter.BuildGraph(model, s_export).ToBytes();
        foreach (long batch in new long[] { 1, 3 })
        {
            foreach (long frames in new long[] { 401, 57 })
                AssertParity(model, onnx, "logmel", model.InputShape(batch, frames), BackboneTestKit.LogMelLike);
        }
    }

    [Fact]
    public void DefaultShapesExportAndMatchOnnxRuntime()
    {
        // The shapes the default extractors use: 64x64 images and 16-frame clips, 128-mel audio windows of 4 s.
        torch.manual_seed(26);
        Backbone[] models = [new SmallImageCnn(), new ClipStem(), new LogMelAudioEncoder()];
        try
        {
            foreach (var model in models)
            {
                bool audio = model.Kind == BackboneKind.Audio;
                Func<long[], Tensor> draw = audio ? BackboneTestKit.LogMelLike : BackboneTestKit.ImageLike;
                BackboneTestKit.Randomise(model, n => draw(model.InputShape(n)));
                byte[] onnx = BackboneOnnxExporter.BuildGraph(model, s_export).ToBytes();
                AssertParity(model, onnx, BackboneOnnxExporter.InputName(model.Kind), model.InputShape(2), draw);
                Assert.Equal(128, model.FeatureSize);
            }
        }
        finally
        {
            foreach (var model in models)
                model.Dispose();
        }
    }

    [Fact]
    public void TheClipGraphIsNotBlindToFrameOrder()
    {
        // The stem must see time: reversing the frames changes the features (a graph that averaged time away would not).
        torch.manual_seed(24);
        using var model = BackboneTestKit.SmallClip();
        BackboneTestKit.Randomise(model, n => BackboneTestKit.ImageLike(model.InputShape(n)));
        byte[] onnx = BackboneOnnxExporter.BuildGraph(model, s_export).ToBytes();
        using var scope = NewDisposeScope();
        var clip = BackboneTestKit.ImageLike(model.InputShape(1));
        float[] forward = BackboneTestKit.OrtForward(onnx, "clip", BackboneTestKit.Values(clip), model.InputShape(1));
        float[] reversed = BackboneTestKit.OrtForward(onnx, "clip", BackboneTestKit.Values(clip.flip(1)), model.InputShape(1));
        Assert.True(BackboneTestKit.MaxAbsDiff(forward, reversed) > 1e-3, "reversed frames gave the same clip features");
    }

    [Fact]
    public void BatchNormStatisticsAreFoldedNotDropped()
    {
        // Resetting the running statistics to (0, 1) must change the exported numbers: the export reads them.
        torch.manual_seed(25);
        using var model = BackboneTestKit.SmallImage();
        BackboneTestKit.Randomise(model, n => BackboneTestKit.ImageLike(model.InputShape(n)));
        using var scope = NewDisposeScope();
        float[] input = BackboneTestKit.Values(BackboneTestKit.ImageLike(model.InputShape(2)));
        float[] trained = BackboneTestKit.OrtForward(BackboneOnnxExporter.BuildGraph(model, s_export).ToBytes(), "image", input, model.InputShape(2));
        using (no_grad())
        {
            foreach (var (name, buffer) in model.named_buffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal))
                    buffer.zero_();
                else if (name.EndsWith("running_var", StringComparison.Ordinal))
                    buffer.fill_(1);
            }
        }
        float[] reset = BackboneTestKit.OrtForward(BackboneOnnxExporter.BuildGraph(model, s_export).ToBytes(), "image", input, model.InputShape(2));
        Assert.True(BackboneTestKit.MaxAbsDiff(trained, reset) > 1e-2, "batch-norm statistics did not reach the graph");
        Assert.True(BackboneTestKit.MaxAbsDiff(reset, BackboneTestKit.TorchForward(model, input, model.InputShape(2))) <= Tolerance);
    }

    private static void AssertParity(Backbone model, byte[] onnx, string inputName, long[] shape, Func<long[], Tensor> draw)
    {
        using var scope = NewDisposeScope();
        float[] input = BackboneTestKit.Values(draw(shape));
        float[] expected = BackboneTestKit.TorchForward(model, input, shape);
        float[] actual = BackboneTestKit.OrtForward(onnx, inputName, input, shape);
        Assert.Equal(shape[0] * model.FeatureSize, actual.Length);
        Assert.True(BackboneTestKit.MaxAbs(expected) > 0.1, $"outputs too small to compare ({BackboneTestKit.MaxAbs(expected):E2})");
        double diff = BackboneTestKit.MaxAbsDiff(expected, actual);
        Assert.True(diff <= Tolerance, $"{model.GetType().Name} [{string.Join(", ", shape)}]: max abs diff {diff:E2} > {Tolerance:E0} (max |output| {BackboneTestKit.MaxAbs(expected):F2})");
    }
}
