using MultimodalFusion.Training.Data;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Trainer;
using TorchSharp;

namespace MultimodalFusion.Training.Tests.Trainer;

/// <summary>
/// Training smoke tests on generated problems: the loss falls and a held-out metric (on windows generated with
/// another seed) beats chance by a stated margin; the same seed repeats the run exactly.
/// </summary>
public sealed class FusionTrainerSmokeTests
{
    private static readonly ModalitySpec[] s_streams = [new("video", 6), new("audio", 4)];

    [Fact]
    public void ClassificationLossFallsAndHeldOutMacroF1BeatsChance()
    {
        const int classes = 4;
        var options = new FusionModelOptions { Modalities = s_streams, Task = FusionTask.Classification, OutputSize = classes, HiddenSize = 8, Heads = 2 };
        using var train = SyntheticFusionData.Classification(s_streams, 320, 8, classes, seed: 1, noise: 1.5);
        using var validation = SyntheticFusionData.Classification(s_streams, 128, 8, classes, seed: 2, noise: 1.5);
        using var heldOut = SyntheticFusionData.Classification(s_streams, 200, 8, classes, seed: 3, noise: 1.5);
        torch.manual_seed(11);
        using var model = new FusionModel(options);

        var reported = new List<FusionEpoch>();
        var result = new FusionTrainer(new FusionTrainerOptions { Epochs = 12, Seed = 11 })
            .Train(model, train, validation, new SynchronousProgress<FusionEpoch>(reported.Add));
        Assert.Equal(result.Epochs, reported);
        var evaluation = FusionEvaluation.Of(model, heldOut);

        Assert.True(result.Epochs[^1].TrainLoss < 0.6 * result.Epochs[0].TrainLoss,
            $"loss {result.Epochs[0].TrainLoss:F3} -> {result.Epochs[^1].TrainLoss:F3}");
        // Chance macro-F1 on 4 balanced classes is about 0.25; require a margin of 0.35 above it.
        Assert.True(evaluation.Metric >= 0.25 + 0.35, $"held-out macro-F1 {evaluation.Metric:F3}");
        Assert.Equal(200, evaluation.Confusion!.Total);

        var report = FusionTrainingReport.Build(result, evaluation, ["a", "b", "c", "d"]);
        Assert.Equal(result.Epochs.Count, report["epochs"]!.AsArray().Count);
        Assert.Equal(evaluation.Metric, (double)report["heldOut"]!["value"]!, 12);
        Assert.Equal(200, report["heldOut"]!["confusion"]!.AsArray().Sum(row => row!.AsArray().Sum(v => (long)v!)));
        Assert.InRange(result.BestEpoch, 1, result.Epochs.Count);
    }

    [Fact]
    public void RegressionLossFallsAndHeldOutCccBeatsChance()
    {
        var options = new FusionModelOptions { Modalities = s_streams, Task = FusionTask.Regression, OutputSize = 2, HiddenSize = 8, Heads = 2 };
        using var train = SyntheticFusionData.Regression(s_streams, 320, 8, seed: 4);
        using var validation = SyntheticFusionData.Regression(s_streams, 128, 8, seed: 5);
        using var heldOut = SyntheticFusionData.Regression(s_streams, 200, 8, seed: 6);
        torch.manual_seed(12);
        using var model = new FusionModel(options);

        var result = new FusionTrainer(new FusionTrainerOptions { Epochs = 12, Seed = 12 }).Train(model, train, validation);
        var evaluation = FusionEvaluation.Of(model, heldOut);

        Assert.True(result.Epochs[^1].TrainLoss < 0.6 * result.Epochs[0].TrainLoss,
            $"1 - CCC {result.Epochs[0].TrainLoss:F3} -> {result.Epochs[^1].TrainLoss:F3}");
        // An uninformed predictor has CCC about 0; require 0.5 on both dimensions' mean.
        Assert.True(evaluation.Metric >= 0.5, $"held-out mean CCC {evaluation.Metric:F3}");
        Assert.Equal(2, evaluation.CccPerDimension!.Length);
        var report = FusionTrainingReport.Build(result, evaluation, Datasets.Metrics.TaskLabels.ValenceArousal);
        Assert.Equal(evaluation.CccPerDimension[1], (double)report["heldOut"]!["ccc"]!["arousal"]!, 12);
    }

    [Fact]
    public void LateFusionLearnsAndLeansOnTheInformativeStream()
    {
        // Only the video stream carries the class (audio is pure noise): the learned stream weights must favour it.
        var streams = new ModalitySpec[] { new("video", 6), new("audio", 4) };
        var options = new FusionModelOptions { Modalities = streams, Fusion = FusionKind.LateFusion, Task = FusionTask.Classification, OutputSize = 3, HiddenSize = 8 };
        using var train = SyntheticFusionData.Classification(streams, 240, 6, 3, seed: 31, noise: 1.0, absentFraction: 0, informativeStreams: 1);
        using var validation = SyntheticFusionData.Classification(streams, 96, 6, 3, seed: 32, noise: 1.0, absentFraction: 0, informativeStreams: 1);
        torch.manual_seed(31);
        using var model = new FusionModel(options);

        new FusionTrainer(new FusionTrainerOptions { Epochs = 10, Seed = 31, ModalityDropout = 0 }).Train(model, train, validation);
        var evaluation = FusionEvaluation.Of(model, validation);

        Assert.True(evaluation.Metric >= 1.0 / 3 + 0.3, $"validation macro-F1 {evaluation.Metric:F3}");
        float[] scores = model.LateScores!.detach().data<float>().ToArray();
        Assert.True(scores[0] > scores[1], $"learned stream scores video {scores[0]:F3}, audio {scores[1]:F3}");
    }

    [Fact]
    public void AutoEncoderBranchLearnsToReconstructTheInputs()
    {
        var options = new FusionModelOptions
        {
            Modalities = s_streams, Fusion = FusionKind.ModalWeights, AutoEncoder = true,
            Task = FusionTask.Classification, OutputSize = 3, HiddenSize = 8,
        };
        using var train = SyntheticFusionData.Classification(s_streams, 160, 6, 3, seed: 13);
        using var validation = SyntheticFusionData.Classification(s_streams, 64, 6, 3, seed: 14);
        torch.manual_seed(13);
        using var model = new FusionModel(options);

        var result = new FusionTrainer(new FusionTrainerOptions { Epochs = 6, Seed = 13, ReconstructionWeight = 1.0, Patience = 6 })
            .Train(model, train, validation);

        double first = result.Epochs[0].ReconstructionLoss!.Value, last = result.Epochs[^1].ReconstructionLoss!.Value;
        Assert.True(last < 0.8 * first, $"reconstruction MSE {first:F3} -> {last:F3}");
    }

    [Fact]
    public void SameSeedRepeatsTheRunExactly()
    {
        var options = new FusionModelOptions { Modalities = s_streams, Task = FusionTask.Classification, OutputSize = 3, HiddenSize = 4, Heads = 2 };
        var trainer = new FusionTrainer(new FusionTrainerOptions { Epochs = 2, Seed = 21, ModalityDropout = 0.3 });
        using var train = SyntheticFusionData.Classification(s_streams, 96, 6, 3, seed: 7);
        using var validation = SyntheticFusionData.Classification(s_streams, 48, 6, 3, seed: 8);

        FusionTrainingResult Run()
        {
            torch.manual_seed(21);
            using var model = new FusionModel(options);
            return trainer.Train(model, train, validation);
        }

        var first = Run();
        var second = Run();
        Assert.Equal(2, first.Epochs.Count);
        Assert.Equal(first.Epochs.Select(e => e.TrainLoss), second.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(first.Epochs.Select(e => e.ValidationMetric), second.Epochs.Select(e => e.ValidationMetric));
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (Progress&lt;T&gt; posts to a context).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
