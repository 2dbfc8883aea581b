using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Onnx;
using TorchSharp;

namespace MultimodalFusion.Training.Tests.Onnx;

/// <summary>
/// Each exported fusion graph against the TorchSharp forward on random weights and inputs: max abs difference
/// &lt;= 1e-5 at two batch sizes and two sets of sequence lengths, with padded steps and an absent stream.
/// </summary>
public sealed class FusionExportParityTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Configurations => new(s_configurations.Keys);

    private static readonly Dictionary<string, FusionModelOptions> s_configurations = new()
    {
        ["expr-3streams-bigru"] = new FusionModelOptions
        {
            Modalities = [new("video", 12), new("audio", 10), new("text", 16)],
            Task = FusionTask.Classification, OutputSize = 8, HiddenSize = 8, ProjectionSize = 12, Heads = 4,
        },
        ["va-2streams-2layers-unigru"] = new FusionModelOptions
        {
            Modalities = [new("video", 6), new("audio", 5)],
            Task = FusionTask.Regression, OutputSize = 2, HiddenSize = 8, Layers = 2, Bidirectional = false, Heads = 2,
            AutoEncoder = true, // the decoder is training-only: the graph must not depend on it
        },
        ["violence-1stream-2layers-bigru"] = new FusionModelOptions
        {
            Modalities = [new("video", 9)],
            Task = FusionTask.Classification, OutputSize = 2, HiddenSize = 6, Layers = 2, Heads = 3,
        },
        ["expr-3streams-modal-weights"] = new FusionModelOptions
        {
            Modalities = [new("video", 12), new("audio", 10), new("text", 16)], Fusion = FusionKind.ModalWeights,
            Task = FusionTask.Classification, OutputSize = 8, HiddenSize = 8, ProjectionSize = 12,
        },
        ["va-2streams-modal-weights-2layers"] = new FusionModelOptions
        {
            Modalities = [new("image", 7), new("audio", 5)], Fusion = FusionKind.ModalWeights,
            Task = FusionTask.Regression, OutputSize = 2, HiddenSize = 6, Layers = 2,
        },
        ["expr-3streams-late-fusion"] = new FusionModelOptions
        {
            Modalities = [new("image", 12), new("clip", 10), new("audio", 16)], Fusion = FusionKind.LateFusion,
            Task = FusionTask.Classification, OutputSize = 8, HiddenSize = 8, ProjectionSize = 12,
        },
        ["va-2streams-late-fusion"] = new FusionModelOptions
        {
            Modalities = [new("video", 7), new("audio", 5)], Fusion = FusionKind.LateFusion,
            Task = FusionTask.Regression, OutputSize = 2, HiddenSize = 6,
        },
        ["expr-2streams-no-attention"] = new FusionModelOptions
        {
            Modalities = [new("image", 7), new("audio", 4)], Pairs = [],
            Task = FusionTask.Classification, OutputSize = 8, HiddenSize = 4, Heads = 2,
        },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void OnnxRuntimeMatchesTorchSharp(string configuration)
    {
        var options = s_configurations[configuration];
        torch.manual_seed(1234);
        using var model = new FusionModel(options);
        ParityHarness.Perturb(model);
        var export = ExportOptionsFor(options);
        byte[] onnx = FusionOnnxExporter.BuildGraph(model, export).ToBytes();

        int streams = options.Modalities.Count;
        var cases = new (int Batch, int[] Lengths, int? AbsentRow)[]
        {
            (3, new[] { 7, 5, 9 }[..streams], 1),
            (1, new[] { 12, 3, 4 }[..streams], null),
            (5, new[] { 2, 11, 6 }[..streams], 4),
        };
        foreach (var (batch, lengths, absentRow) in cases)
        {
            var (features, masks) = ParityHarness.Inputs(options, batch, lengths, seed: batch * 31 + lengths[0], absentRow);
            var (expected, expectedWeights) = ParityHarness.TorchForwardWithWeights(model, options, features, masks, batch, lengths);
            var actual = ParityHarness.OrtForward(onnx, options, features, masks, batch, lengths);

            if (options.Fusion is FusionKind.ModalWeights or FusionKind.LateFusion)
            {
                float[] weights = actual[FusionOnnxExporter.ModalityWeightsOutput];
                double weightDiff = ParityHarness.MaxAbsDiff(expectedWeights!, weights);
                Assert.True(weightDiff <= Tolerance, $"{configuration} batch {batch}: modality weights max abs diff {weightDiff:E2}");
                for (int r = 0; r < batch; r++)
                    Assert.Equal(1.0, weights.AsSpan(r * streams, streams).ToArray().Sum(), 5);
                if (absentRow is int absent)
                    Assert.True(weights[absent * streams + streams - 1] < 1e-6f, "an absent stream must get zero weight");
            }
            else
            {
                Assert.False(actual.ContainsKey(FusionOnnxExporter.ModalityWeightsOutput));
            }

            Assert.Equal(batch * options.OutputSize, expected.Length);
            if (options.Task == FusionTask.Regression)
            {
                Assert.True(ParityHarness.MaxAbsDiff(expected, actual[export.OutputName]) <= Tolerance,
                    $"{configuration} batch {batch}: max abs diff {ParityHarness.MaxAbsDiff(expected, actual[export.OutputName]):E2}");
                Assert.All(actual[export.OutputName], v => Assert.InRange(v, -1f, 1f));
            }
            else
            {
                double logitDiff = ParityHarness.MaxAbsDiff(expected, actual[export.OutputName + "_logits"]);
                double probDiff = ParityHarness.MaxAbsDiff(ParityHarness.Softmax(expected, options.OutputSize), actual[export.OutputName]);
                Assert.True(logitDiff <= Tolerance, $"{configuration} batch {batch}: logits max abs diff {logitDiff:E2}");
                Assert.True(probDiff <= Tolerance, $"{configuration} batch {batch}: probabilities max abs diff {probDiff:E2}");
            }
        }
    }

    internal static FusionExportOptions ExportOptionsFor(FusionModelOptions options) => options.Task == FusionTask.Regression
        ? new FusionExportOptions { Name = "va-fusion", Task = "va", OutputName = "va", Labels = ["valence", "arousal"], Data = "random weights (parity test)" }
        : new FusionExportOptions
        {
            Name = options.OutputSize == 2 ? "violence-fusion" : "expr-fusion",
            Task = options.OutputSize == 2 ? "violence" : "expr",
            OutputName = options.OutputSize == 2 ? "violence" : "expr",
            Labels = options.OutputSize == 2 ? TaskLabels.Violence : TaskLabels.Expressions,
            Data = "random weights (parity test)",
        };
}
