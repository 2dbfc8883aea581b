using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.TestSupport;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;
using MultimodalFusion.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>
/// The path the default extractors take: train a backbone on generated data, export it, and run the runtime's
/// ImageExtractor on 8-bit BGR frames. The manifest's preprocessing (size, RGB order, mean/std) must reproduce the
/// training tensors (checked to 8-bit rounding), and the trained head must keep its accuracy on the runtime's features.
/// </summary>
public sealed class TrainedBackboneRuntimeTests : IDisposable
{
    private const int Size = 32;
    private readonly string _directory = RepoPaths.NewTempDir("mmf-backbone-trained");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ATrainedImageBackboneStillClassifiesThroughTheRuntimeExtractor()
    {
        using var train = SyntheticShapes.CirclesVsSquares(1200, Size, seed: 51);
        using var validation = SyntheticShapes.CirclesVsSquares(200, Size, seed: 52);
        using var heldOut = SyntheticShapes.CirclesVsSquares(100, Size, seed: 53);
        torch.manual_seed(51);
        using var model = new BackboneModel(new SmallImageCnn(new SmallImageCnnOptions { InputSize = Size, Channels = [8, 16, 32], FeatureSize = 32 }),
            FusionTask.Classification, 2);
        new BackboneTrainer(new BackboneTrainerOptions { Epochs = 20, Seed = 51, TargetMetric = 0.97, Threads = 1 }).Train(model, train, validation);
        double torchAccuracy = BackboneEvaluation.Of(model, heldOut).Accuracy!.Value;

        string path = BackboneOnnxExporter.Export(model.Backbone, new BackboneExportOptions
        {
            Name = "shapes-image", Data = "synthetic circles vs squares seed 51", HeldOut = new Dictionary<string, double> { ["accuracy"] = torchAccuracy },
        }, _directory);
        using var loaded = new ModelLoader().Load(path);
        Assert.Equal(torchAccuracy, (double)loaded.Manifest.Provenance!["heldOut"]!["accuracy"]!, 12);
        var normalization = ImageNormalization.FromManifest(loaded.Manifest.Preprocessing!, loaded.Manifest.Name);
        using var extractor = new ImageExtractor(loaded.Session, normalization);

        float[] weight = BackboneTestKit.Values(model.Head.weight!.detach());   // [2, d]
        float[] bias = BackboneTestKit.Values(model.Head.bias!.detach());
        float[] planes = BackboneTestKit.Values(heldOut.Inputs);
        long[] labels = heldOut.Targets.data<long>().ToArray();
        int correct = 0, sample = 3 * Size * Size;
        var prepared = new float[sample];
        var preprocessor = new ImagePreprocessor(normalization);
        for (int i = 0; i < labels.Length; i++)
        {
            using var frame = ToBgrFrame(planes.AsSpan(i * sample, sample), i);
            preprocessor.Write(frame, prepared);
            // Half an 8-bit step in normalised units is 1/255; a swapped channel or another mean/std would be far off.
            Assert.True(BackboneTestKit.MaxAbsDiff(prepared, planes.AsSpan(i * sample, sample)) <= 1.01 / 255, $"sample {i}: runtime planes differ from training planes");
            ReadOnlySpan<float> features = extractor.Extract(frame);
            int predicted = Score(features, weight, bias, 1) > Score(features, weight, bias, 0) ? 1 : 0;
            correct += predicted == labels[i] ? 1 : 0;
        }
        double runtimeAccuracy = (double)correct / labels.Length;
        Assert.True(torchAccuracy >= 0.9, $"TorchSharp held-out accuracy {torchAccuracy:F3}");
        // 8-bit rounding of the frames may flip a borderline sample or two, no more.
        Assert.True(runtimeAccuracy >= torchAccuracy - 0.03, $"runtime accuracy {runtimeAccuracy:F3} vs TorchSharp {torchAccuracy:F3}");
    }

    private static double Score(ReadOnlySpan<float> features, float[] weight, float[] bias, int row)
    {
        double sum = bias[row];
        for (int j = 0; j < features.Length; j++)
            sum += features[j] * weight[row * features.Length + j];
        return sum;
    }

    /// <summary>Normalised RGB planes (mean 0.5, std 0.5) back to a packed 8-bit BGR frame, as a camera would deliver it.</summary>
    private static VideoFrame ToBgrFrame(ReadOnlySpan<float> planes, long sequence)
    {
        int plane = Size * Size;
        var buffer = BufferPool<byte>.Shared.Rent(3 * plane);
        Span<byte> pixels = buffer.Span;
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < 3; c++)   // planes are R, G, B; BGR bytes store B first
                pixels[p * 3 + (2 - c)] = (byte)Math.Clamp(Math.Round((planes[c * plane + p] * 0.5 + 0.5) * 255), 0, 255);
        }
        return new VideoFrame(buffer, Size, Size, PixelFormat.Bgr24, "shapes", sequence, sequence * 40_000, null);
    }
}
