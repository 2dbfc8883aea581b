using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Onnx;
using TorchSharp;

namespace MultimodalFusion.Training.Tests.Onnx;

/// <summary>What the trainer exports, the runtime's <see cref="ModelLoader"/> loads: hash, manifest and graph agree.</summary>
public sealed class InferenceContractTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-training-contract-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(FusionTask.Classification, 8, FusionKind.CrossAttention)]
    [InlineData(FusionTask.Classification, 2, FusionKind.CrossAttention)]
    [InlineData(FusionTask.Regression, 2, FusionKind.CrossAttention)]
    [InlineData(FusionTask.Regression, 2, FusionKind.ModalWeights)]
    [InlineData(FusionTask.Classification, 8, FusionKind.LateFusion)]
    public void ExportedFusionModelLoadsThroughTheRuntimeLoader(FusionTask task, int outputs, FusionKind fusion)
    {
        var options = new FusionModelOptions
        {
            Modalities = [new("video", 8), new("audio", 6), new("text", 12)],
            Task = task, OutputSize = outputs, HiddenSize = 4, Heads = 2, Fusion = fusion,
        };
        torch.manual_seed(9);
        using var model = new FusionModel(options);
        var export = FusionExportParityTests.ExportOptionsFor(options) with { VideoFps = 8 };
        string path = FusionOnnxExporter.Export(model, export, _directory);

        using var loaded = new ModelLoader().Load(path);
        Assert.Equal("fusion", loaded.Manifest.Role);
        Assert.Equal(6, loaded.Manifest.Inputs.Count);
        Assert.Equal("bool", loaded.Manifest.Inputs[1].Dtype);
        Assert.Equal(TimeSpan.FromSeconds(0.5), loaded.Manifest.Window!.Hop);
        Assert.Equal(outputs, loaded.Manifest.Outputs[0].Labels!.Count);
        if (fusion != FusionKind.CrossAttention)
            Assert.Equal(["video", "audio", "text"], loaded.Manifest.Outputs[^1].Labels!);
    }

    [Fact]
    public void ATamperedModelIsRejectedByHash()
    {
        var options = new FusionModelOptions { Modalities = [new("video", 4)], OutputSize = 2, HiddenSize = 4, Heads = 2 };
        using var model = new FusionModel(options);
        string path = FusionOnnxExporter.Export(model, FusionExportParityTests.ExportOptionsFor(options), _directory);
        File.AppendAllText(path, " ");
        var error = Assert.ThrowsAny<Exception>(() => new ModelLoader().Load(path));
        Assert.Contains("sha256", error.Message);
    }
}
