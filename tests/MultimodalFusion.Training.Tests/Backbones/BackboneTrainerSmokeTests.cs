using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Trainer;
using TorchSharp;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>
/// End-to-end backbone training on generated problems (<see cref="SyntheticShapes"/>): held-out data comes from another
/// seed; each test states the metric it must reach; the best epoch's weights and batch-norm statistics are what the
/// model holds afterwards; the same seed repeats a run exactly.
/// </summary>
public sealed class BackboneTrainerSmokeTests
{
    private const int Size = 32;

    [Fact]
    public void ImageCnnTellsCirclesFromSquaresOnHeldOutImages()
    {
        using var train = SyntheticShapes.CirclesVsSquares(1200, Size, seed: 1);
        using var validation = SyntheticShapes.CirclesVsSquares(200, Size, seed: 2);
        using var heldOut = SyntheticShapes.CirclesVsSquares(300, Size, seed: 3);
        torch.manual_seed(41);
        using var model = new BackboneModel(new SmallImageCnn(new SmallImageCnnOptions { InputSize = Size, Channels = [8, 16, 32], FeatureSize = 32 }),
            FusionTask.Classification, 2);

        var reported = new List<BackboneEpoch>();
        var result = new BackboneTrainer(new BackboneTrainerOptions { Epochs = 20, Seed = 41, TargetMetric = 0.97, Threads = 1 })
            .Train(model, train, validation, new Recorder(reported.Add));

        Assert.Equal(result.Epochs, reported);
        Assert.True(result.Epochs[^1].TrainLoss < 0.5 * result.Epochs[0].TrainLoss,
            $"loss {result.Epochs[0].TrainLoss:F3} -> {result.Epochs[^1].TrainLoss:F3}");
        // The model holds the best epoch: its validation metric is the recorded best (weights and BN statistics restored).
        Assert.Equal(result.BestMetric, BackboneEvaluation.Of(model, validation).Metric, 6);
        var evaluation = BackboneEvaluation.Of(model, heldOut);
        Assert.Equal(300, evaluation.Confusion!.Total);
        Assert.True(evaluation.Accuracy >= 0.9, $"held-out accuracy {evaluation.Accuracy:F3} (chance 0.5) after {result.Epochs.Count} epochs");
    }

    [Fact]
    public void ClipStemTellsMovingFromStillBlobsOnHeldOutClips()
    {
        const int frames = 16;
        using var train = SyntheticShapes.MovingVsStill(192, frames, Size, seed: 4);
        using var validation = SyntheticShapes.MovingVsStill(96, frames, Size, seed: 5);
        using var heldOut = SyntheticShapes.MovingVsStill(160, frames, Size, seed: 6);
        torch.manual_seed(42);
        using var model = new BackboneModel(new ClipStem(new ClipStemOptions { InputSize = Size, StemChannels = 8, FoldChannels = 16, Channels = [16, 32], FeatureSize = 32 }),
            FusionTask.Classification, 2);

        var result = new BackboneTrainer(new BackboneTrainerOptions { Epochs = 20, Seed = 42, TargetMetric = 0.97, Threads = 1 }).Train(model, train, validation);

        var evaluation = BackboneEvaluation.Of(model, heldOut);
        Assert.True(evaluation.Accuracy >= 0.9, $"held-out accuracy {evaluation.Accuracy:F3} (chance 0.5) after {result.Epochs.Count} epochs");
    }

    [Fact]
    public void ImageCnnRegressesBrightnessAndSizeWithOneMinusCcc()
    {
        using var train = SyntheticShapes.BrightnessAndSize(256, Size, seed: 7);
        using var validation = SyntheticShapes.BrightnessAndSize(96, Size, seed: 8);
        using var heldOut = SyntheticShapes.BrightnessAndSize(160, Size, seed: 9);
        torch.manual_seed(43);
        using var model = new BackboneModel(new SmallImageCnn(new SmallImageCnnOptions { InputSize = Size, Channels = [8, 16, 32], FeatureSize = 32 }),
            FusionTask.Regression, 2);

        var result = new BackboneTrainer(new BackboneTrainerOptions { Epochs = 20, Seed = 43, TargetMetric = 0.95, Threads = 1 }).Train(model, train, validation);

        Assert.Equal("cccMean", result.MetricName);
        var evaluation = BackboneEvaluation.Of(model, heldOut);
        Assert.True(evaluation.Metric >= 0.8, $"held-out CCC {string.Join(", ", evaluation.CccPerDimension!.Select(c => c.ToString("F3")))} after {result.Epochs.Count} epochs");
    }

    [Fact]
    public void TheSameSeedRepeatsARunExactly()
    {
        using var train = SyntheticShapes.CirclesVsSquares(64, 16, seed: 10);
        using var validation = SyntheticShapes.CirclesVsSquares(32, 16, seed: 11);
        var runs = new List<IReadOnlyList<BackboneEpoch>>();
        foreach (int attempt in new[] { 0, 1 })
        {
            torch.manual_seed(44);
            using var model = new BackboneModel(new SmallImageCnn(new SmallImageCnnOptions { InputSize = 16, Channels = [4, 8], FeatureSize = 8 }),
                FusionTask.Classification, 2);
            runs.Add(new BackboneTrainer(new BackboneTrainerOptions { Epochs = 2, BatchSize = 21, Seed = 44, InputNoise = 0.05, Threads = 1 })
                .Train(model, train, validation).Epochs);
        }
        Assert.Equal(2, runs[0].Count);
        Assert.Equal(runs[0], runs[1]);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to a thread pool).</summary>
    private sealed class Recorder(Action<BackboneEpoch> report) : IProgress<BackboneEpoch>
    {
        public void Report(BackboneEpoch value) => report(value);
    }
}
