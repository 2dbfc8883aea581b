using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Training.Data;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Trainer;

/// <summary>
/// The per-frame VA head: its loss (1 - CCC over the labelled frames of a batch) ignores unlabelled frames, the
/// trainer selects on per-frame CCC, and on a problem whose values move inside the windows the head beats what the
/// window output can give any frame.
/// </summary>
public sealed class FusionVaFramesTests
{
    private static readonly ModalitySpec[] s_streams = [new("video", 6), new("audio", 4)];

    [Fact]
    public void FrameLossIsOneMinusCccOverTheLabelledFramesOnly()
    {
        using var scope = NewDisposeScope();
        // 2 windows x 3 steps x 2 dims; NaN marks unlabelled frames (one value NaN is enough to skip the frame).
        var predicted = tensor(new float[] { 0.1f, 0.2f, 0.5f, -0.1f, 9f, 9f, -0.4f, 0.3f, 0.0f, 0.6f, 9f, 9f }, new long[] { 2, 3, 2 });
        var truth = tensor(new float[] { 0.2f, 0.1f, 0.4f, 0.0f, float.NaN, 0.5f, -0.5f, 0.2f, 0.1f, 0.7f, float.NaN, float.NaN }, new long[] { 2, 3, 2 });
        float loss = FusionLosses.FrameOneMinusCcc(predicted, truth).item<float>();

        var labelled = tensor(new long[] { 0, 1, 3, 4 });
        float expected = FusionLosses.OneMinusCcc(predicted.reshape(-1, 2).index_select(0, labelled), truth.reshape(-1, 2).index_select(0, labelled)).item<float>();
        Assert.Equal(expected, loss, 1e-6);
        // By hand: CCC per dimension from the four labelled rows, the same as the challenge scorer.
        double[] ccc = Concordance.PerDimension([0.1f, 0.2f, 0.5f, -0.1f, -0.4f, 0.3f, 0.0f, 0.6f], [0.2f, 0.1f, 0.4f, 0.0f, -0.5f, 0.2f, 0.1f, 0.7f], 2);
        Assert.Equal(1 - ccc.Average(), loss, 1e-4);
        Assert.False(float.IsNaN(loss));
    }

    [Fact]
    public void FrameLossWithoutLabelledFramesIsZeroAndStillBacksUp()
    {
        using var scope = NewDisposeScope();
        var predicted = randn(2, 3, 2).requires_grad_(true);
        var truth = full(new long[] { 2, 3, 2 }, float.NaN);
        var loss = FusionLosses.FrameOneMinusCcc(predicted, truth);
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.Equal(0f, predicted.grad!.abs().sum().item<float>());
    }

    [Fact]
    public void DatasetRejectsFrameValuesOfTheWrongShape()
    {
        var features = new[] { zeros(3, 4, 6), zeros(3, 4, 4) };
        var masks = new[] { ones(3, 4, dtype: ScalarType.Bool), ones(3, 4, dtype: ScalarType.Bool) };
        var error = Assert.Throws<ArgumentException>(() => new FusionDataset(s_streams, features, masks, zeros(3, 2), zeros(3, 4)));
        Assert.Contains("float32 [3, 4, 2]", error.Message);
        foreach (var t in features.Concat(masks))
            t.Dispose();
    }

    [Fact]
    public void VaFrameHeadLearnsValuesThatMoveInsideTheWindow()
    {
        using var train = SyntheticFrameRegression.Create(s_streams, 256, 8, seed: 1);
        using var validation = SyntheticFrameRegression.Create(s_streams, 64, 8, seed: 2);
        using var heldOut = SyntheticFrameRegression.Create(s_streams, 128, 8, seed: 3);
        torch.manual_seed(4);
        using var model = new FusionModel(new FusionModelOptions
        {
            Modalities = s_streams, Task = FusionTask.Regression, OutputSize = 2, HiddenSize = 8, Heads = 2, FrameHead = true,
        });
        var options = new FusionTrainerOptions { Epochs = 8, Seed = 5, BatchSize = 32, Patience = 8, TemporalJitter = 1, MixupAlpha = 0.2 };
        var result = new FusionTrainer(options).Train(model, train, validation);
        var evaluation = FusionEvaluation.Of(model, heldOut);

        Assert.Equal("frameCccMean", result.MetricName);
        Assert.Equal(result.BestMetric, result.Epochs[result.BestEpoch - 1].ValidationMetric);
        double window = WindowOutputPerFrameCcc(model, heldOut);
        // The window output gives every frame of a window one value, which explains only the between-window part.
        Assert.True(evaluation.FrameCccMean >= 0.8, $"held-out per-frame CCC {evaluation.FrameCccMean:F3}");
        Assert.True(evaluation.FrameCccMean >= window + 0.15, $"per-frame head {evaluation.FrameCccMean:F3} vs window output per frame {window:F3}");
    }

    // CCC over the labelled frames when each frame gets its window's output (what the model had without the head).
    private static double WindowOutputPerFrameCcc(FusionModel model, FusionDataset data)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        long[] all = Enumerable.Range(0, (int)data.Count).Select(i => (long)i).ToArray();
        var (features, masks, _) = data.Batch(all);
        float[] window = model.forward(features, masks).contiguous().data<float>().ToArray();
        float[] frames = data.FrameTargets!.contiguous().data<float>().ToArray();
        long steps = data.FrameTargets.shape[1];
        var predicted = new List<float>();
        var truth = new List<float>();
        for (int row = 0; row < frames.Length / 2; row++)
        {
            if (float.IsNaN(frames[2 * row]) || float.IsNaN(frames[2 * row + 1]))
                continue;
            long i = row / steps;
            predicted.AddRange([window[2 * i], window[2 * i + 1]]);
            truth.AddRange([frames[2 * row], frames[2 * row + 1]]);
        }
        return Concordance.PerDimension(predicted.ToArray(), truth.ToArray(), 2).Average();
    }
}
