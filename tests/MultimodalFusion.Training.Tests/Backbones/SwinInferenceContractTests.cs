using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.TestSupport;
using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;
using MultimodalFusion.Training.Tests.Onnx;
using OpenCvSharp;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>An exported Swin loads through the runtime's ModelLoader and its ImageExtractor gives the TorchSharp features of a real photo.</summary>
public sealed class SwinInferenceContractTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-swin-contract-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ExportedSwinLoadsAsAnImageModelAndExtractsTheTorchFeatures()
    {
        using var model = SwinTestModels.Random(SwinOptions.Test56, seed: 8);
        string weights = Path.Combine(_directory, "swin-small.safetensors");
        SwinWeights.Save(model, weights);
        string path = SwinOnnxExporter.Export(model, new SwinExportOptions
        {
            Name = "swin-small", Data = "random weights (contract test)", WeightsFile = weights, FaceMargin = 0.2f,
        }, _directory);

        using var loaded = new ModelLoader().Load(path);
        var manifest = loaded.Manifest;
        Assert.Equal("image", manifest.Role);
        Assert.Equal("features", manifest.Task);
        Assert.Equal(["batch", 3L, 56L, 56L], manifest.Inputs[0].Shape.Select(d => d.Symbol ?? (object)d.Value!.Value));
        Assert.Equal(["batch", 48L], manifest.Outputs[0].Shape.Select(d => d.Symbol ?? (object)d.Value!.Value));
        Assert.Equal("rgb", manifest.Preprocessing!.ColorOrder);
        Assert.Equal(0.2f, manifest.Preprocessing.FaceMargin);
        Assert.Equal("swin-small.safetensors", manifest.Provenance!["weights"]!["file"]!.GetValue<string>());
        Assert.Equal(ModelLoader.Sha256Of(weights), manifest.Provenance["weights"]!["sha256"]!.GetValue<string>());

        var normalization = ImageNormalization.FromManifest(manifest.Preprocessing, manifest.Name);
        Assert.Equal(SwinExportOptions.ImageNetMean, normalization.Mean);
        using var image = Cv2.ImRead(RepoPaths.Media("chelsea.png"), ImreadModes.Color);
        Assert.False(image.Empty(), "chelsea.png could not be read");
        int bytes = image.Width * image.Height * 3;
        var pixels = BufferPool<byte>.Shared.Rent(bytes);
        System.Runtime.InteropServices.Marshal.Copy(image.Data, pixels.Array, 0, bytes);
        using var frame = new VideoFrame(pixels, image.Width, image.Height, PixelFormat.Bgr24, "test", 0, 0, null);

        using var extractor = new ImageExtractor(loaded.Session, normalization);
        float[] runtime = extractor.Extract(frame).ToArray();

        var input = new float[normalization.SampleLength];
        new ImagePreprocessor(normalization).Write(frame, input);
        float[] torch = SwinTestModels.Features(model, input, 1);
        Assert.Equal(48, runtime.Length);
        Assert.True(ParityHarness.MaxAbsDiff(torch, runtime) <= 1e-4);
    }

    [Fact]
    public void ATamperedSwinIsRejectedByHash()
    {
        using var model = SwinTestModels.Random(SwinOptions.Test56, seed: 1);
        string path = SwinOnnxExporter.Export(model, new SwinExportOptions { Name = "swin-tampered" }, _directory);
        File.AppendAllText(path, " ");
        var error = Assert.ThrowsAny<Exception>(() => new ModelLoader().Load(path));
        Assert.Contains("sha256", error.Message);
    }
}
