using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;
using MultimodalFusion.Training.Tests.Onnx;
using Xunit.Abstractions;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>The exported Swin graph equals the TorchSharp forward (random weights and images) within 1e-4 at several batch sizes.</summary>
public sealed class SwinOnnxParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData(56, 1)]
    [InlineData(56, 3)]
    [InlineData(64, 1)]   // maps not aligned to windows: 16 -> 21 and 8 -> 14 tokens a side
    [InlineData(64, 3)]
    public void SmallConfigMatchesOnnxRuntime(int imageSize, int batch)
    {
        var options = SwinOptions.Test56 with { ImageSize = imageSize };
        using var model = SwinTestModels.Random(options, seed: 11);
        byte[] onnx = SwinOnnxExporter.BuildGraph(model, new SwinExportOptions { Name = "swin-test" }).ToBytes();
        float[] images = SwinTestModels.Images(batch, imageSize, seed: 20 + batch);

        float[] expected = SwinTestModels.Features(model, images, batch);
        float[] actual = Run(onnx, images, batch, imageSize);

        Assert.Equal(batch * options.FeatureSize, actual.Length);
        double diff = ParityHarness.MaxAbsDiff(expected, actual);
        output.WriteLine($"{imageSize}px batch {batch}: max abs diff {diff:E2}");
        Assert.True(diff <= Tolerance, $"max abs diff {diff} > {Tolerance}");
        Assert.True(expected.Select(Math.Abs).Max() > 0.1f); // features are not trivially zero
    }

    [Fact]
    public void OddMergeSideIsPaddedLikeTorch()
    {
        // 40 px: 10x10 tokens -> pad 14 -> merge 5x5 (odd) -> pad 6 -> 3x3, three stages.
        var options = SwinOptions.Test56 with { ImageSize = 40, Depths = [2, 2, 2], Heads = [1, 2, 2] };
        using var model = SwinTestModels.Random(options, seed: 4);
        byte[] onnx = SwinOnnxExporter.BuildGraph(model, new SwinExportOptions { Name = "swin-odd" }).ToBytes();
        float[] images = SwinTestModels.Images(2, 40, seed: 9);
        double diff = ParityHarness.MaxAbsDiff(SwinTestModels.Features(model, images, 2), Run(onnx, images, 2, 40));
        Assert.True(diff <= Tolerance, $"max abs diff {diff} > {Tolerance}");
    }

    [Fact]
    public void SwinTiny224MatchesOnnxRuntimeAtBatchOneAndTwo()
    {
        var watch = Stopwatch.StartNew();
        using var model = SwinTestModels.Random(SwinOptions.Tiny224, seed: 5);
        string directory = Path.Combine(Path.GetTempPath(), "mmf-swin-t-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = SwinOnnxExporter.Export(model, new SwinExportOptions { Name = "swin-t" }, directory);
            output.WriteLine($"exported {new FileInfo(path).Length / 1e6:F1} MB in {watch.Elapsed.TotalSeconds:F1} s");
            foreach (int batch in new[] { 1, 2 })
            {
                float[] images = SwinTestModels.Images(batch, 224, seed: batch);
                float[] expected = SwinTestModels.Features(model, images, batch);
                float[] actual = Run(File.ReadAllBytes(path), images, batch, 224);
                Assert.Equal(batch * 768, actual.Length);
                double diff = ParityHarness.MaxAbsDiff(expected, actual);
                output.WriteLine($"Swin-T batch {batch}: max abs diff {diff:E2} ({watch.Elapsed.TotalSeconds:F1} s)");
                Assert.True(diff <= Tolerance, $"batch {batch}: max abs diff {diff} > {Tolerance}");
            }
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static float[] Run(byte[] onnx, float[] images, int batch, int size)
    {
        using var session = new InferenceSession(onnx);
        using var input = OrtValue.CreateTensorValueFromMemory(images, new long[] { batch, 3, size, size });
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["image"], [input], ["features"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
