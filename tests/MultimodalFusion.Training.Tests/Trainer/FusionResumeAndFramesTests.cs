using MultimodalFusion.Training.Data;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Trainer;

/// <summary>
/// Resume gives the uninterrupted run's result; the per-frame head learns a generated per-frame problem with every
/// augmentation on (balanced resampling, frame sampling, mixup).
/// </summary>
public sealed class FusionResumeAndFramesTests : IDisposable
{
    private static readonly ModalitySpec[] s_streams = [new("video", 6), new("audio", 4)];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-training-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static FusionModelOptions ModelOptions => new()
    {
        Modalities = s_streams, Task = FusionTask.Classification, OutputSize = 3, HiddenSize = 8, Heads = 2,
        FrameHead = true, AutoEncoder = true,
    };

    private static FusionTrainerOptions TrainerOptions(int epochs, string? checkpoint) => new()
    {
        Epochs = epochs, Seed = 21, BatchSize = 32, Patience = 20, BalancedSampling = true, MaxFrameStride = 2,
        MixupAlpha = 0.4, TemporalJitter = 1, CheckpointPath = checkpoint,
    };

    [Fact]
    public void ResumedRunEndsLikeTheUninterruptedRun()
    {
        using var train = SyntheticFusionData.FrameClassification(s_streams, 160, 8, 3, seed: 1);
        using var validation = SyntheticFusionData.FrameClassification(s_streams, 64, 8, 3, seed: 2);

        torch.manual_seed(5);
        using var straight = new FusionModel(ModelOptions);
        var expected = new FusionTrainer(TrainerOptions(4, null)).Train(straight, train, validation);

        string checkpoint = Path.Combine(_directory, "run.last.pt");
        torch.manual_seed(5);
        using var first = new FusionModel(ModelOptions);
        using var stop = new CancellationTokenSource();
        var halfway = new SynchronousProgress<FusionEpoch>(e => { if (e.Epoch == 2) stop.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => new FusionTrainer(TrainerOptions(4, checkpoint)).Train(first, train, validation, halfway, stop.Token));
        Assert.Equal(2, FusionTrainingCheckpoint.ReadState(checkpoint).EpochsDone);

        // A fresh process would rebuild the model from the checkpoint's options: do exactly that.
        using var resumed = FusionCheckpoint.Load(checkpoint);
        var actual = new FusionTrainer(TrainerOptions(4, checkpoint)).Resume(resumed, checkpoint, train, validation);

        Assert.Equal(expected.Epochs.Count, actual.Epochs.Count);
        for (int e = 0; e < expected.Epochs.Count; e++)
        {
            Assert.Equal(expected.Epochs[e].TrainLoss, actual.Epochs[e].TrainLoss, 1e-6);
            Assert.Equal(expected.Epochs[e].ValidationMetric, actual.Epochs[e].ValidationMetric, 1e-6);
        }
        Assert.Equal(expected.BestEpoch, actual.BestEpoch);
        Assert.Equal("frameMacroF1", actual.MetricName);
        var a = FusionEvaluation.Of(straight, validation);
        var b = FusionEvaluation.Of(resumed, validation);
        Assert.Equal(a.Metric, b.Metric, 1e-6);
        Assert.Equal(a.FrameMacroF1!.Value, b.FrameMacroF1!.Value, 1e-6);
        foreach (var ((name, p), (_, q)) in straight.named_parameters().Zip(resumed.named_parameters()))
        {
            using var diff = (p - q).abs().max();
            Assert.True(diff.item<float>() <= 1e-6, $"{name} differs by {diff.item<float>():E2}");
        }
    }

    [Fact]
    public void ResumeRejectsAnotherSeedNamingTheCheckpoint()
    {
        using var train = SyntheticFusionData.FrameClassification(s_streams, 40, 6, 3, seed: 1);
        string checkpoint = Path.Combine(_directory, "seed.last.pt");
        torch.manual_seed(5);
        using var model = new FusionModel(ModelOptions);
        new FusionTrainer(TrainerOptions(1, checkpoint)).Train(model, train, train);
        var error = Assert.Throws<ArgumentException>(() =>
            new FusionTrainer(TrainerOptions(2, checkpoint) with { Seed = 99 }).Resume(model, checkpoint, train, train));
        Assert.Contains("seed.last.pt", error.Message);
        Assert.Contains("seed 21", error.Message);
    }

    [Fact]
    public void FrameHeadLearnsPerFrameClassesAboveChance()
    {
        using var train = SyntheticFusionData.FrameClassification(s_streams, 400, 12, 3, seed: 11, noise: 1.0);
        using var validation = SyntheticFusionData.FrameClassification(s_streams, 128, 12, 3, seed: 12, noise: 1.0);
        using var heldOut = SyntheticFusionData.FrameClassification(s_streams, 200, 12, 3, seed: 13, noise: 1.0);
        torch.manual_seed(8);
        using var model = new FusionModel(ModelOptions with { AutoEncoder = false });
        var result = new FusionTrainer(TrainerOptions(12, null) with { MaxFrameStride = 1 }).Train(model, train, validation);
        var evaluation = FusionEvaluation.Of(model, heldOut);

        Assert.True(result.Epochs[^1].TrainLoss < 0.7 * result.Epochs[0].TrainLoss,
            $"loss {result.Epochs[0].TrainLoss:F3} -> {result.Epochs[^1].TrainLoss:F3}");
        // Chance per-frame macro-F1 on 3 classes is about 0.33; the frames' classes are in the base stream's steps.
        Assert.True(evaluation.FrameMacroF1 >= 0.33 + 0.4, $"held-out per-frame macro-F1 {evaluation.FrameMacroF1:F3}");
        long labelled = heldOut.FrameTargets!.ge(0).sum().item<long>();
        Assert.Equal(labelled, evaluation.FrameConfusion!.Total);
    }
}
