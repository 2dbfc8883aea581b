using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Training.Data;
using MultimodalFusion.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// Trains a <see cref="FusionModel"/> on a <see cref="FusionDataset"/>: AdamW with a cosine learning-rate
/// schedule, class-weighted cross-entropy (window and, with a frame head, per frame) or 1 - CCC (or MSE; with a frame
/// head also 1 - CCC over the batch's labelled frames),
/// class-balanced resampling, feature-level augmentation (noise, feature dropout, temporal jitter, dynamic frame
/// sampling, mixup), modality dropout, early stopping on the validation metric with the best weights restored,
/// and a resumable checkpoint after every epoch. Seeded and repeatable on CPU.
/// </summary>
/// <remarks>
/// Not thread-safe; one run at a time. The model is trained in place; the datasets stay owned by the caller.
/// Every epoch reseeds torch and the shuffling generator from (seed, epoch): a run resumed from the checkpoint of
/// epoch e draws exactly what the uninterrupted run drew from epoch e + 1 on.
/// </remarks>
public sealed class FusionTrainer
{
    private readonly FusionTrainerOptions _options;
    private readonly FusionBatchAugmentation _augmentation;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer; <paramref name="logger"/> receives one line per epoch.</summary>
    public FusionTrainer(FusionTrainerOptions options, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _augmentation = new FusionBatchAugmentation(options);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Trains <paramref name="model"/>; returns the per-epoch history and the best epoch, whose weights the model then holds.</summary>
    /// <param name="model">Trained in place.</param>
    /// <param name="train">Training windows.</param>
    /// <param name="validation">Windows for the early-stopping metric.</param>
    /// <param name="progress">Told after every epoch (e.g. the CLI's progress bar); called on the training thread.</param>
    /// <param name="cancellationToken">Checked between epochs; the checkpoint of the last finished epoch stays on disk.</param>
    public FusionTrainingResult Train(FusionModel model, FusionDataset train, FusionDataset validation,
        IProgress<FusionEpoch>? progress = null, CancellationToken cancellationToken = default) =>
        Run(model, train, validation, null, progress, cancellationToken);

    /// <summary>
    /// Continues the run saved at <paramref name="checkpointPath"/> (see <see cref="FusionTrainerOptions.CheckpointPath"/>)
    /// with the same options and data; <paramref name="model"/> gets the saved weights first.
    /// </summary>
    public FusionTrainingResult Resume(FusionModel model, string checkpointPath, FusionDataset train, FusionDataset validation,
        IProgress<FusionEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        return Run(model, train, validation, checkpointPath, progress, cancellationToken);
    }

    /// <summary>The seed of an epoch's random draws (torch and shuffling): a fixed mix of the run seed and the epoch number.</summary>
    public static int EpochSeed(int seed, int epoch) => (int)(((long)seed * 1_000_003L + epoch * 7_919L) & int.MaxValue);

    private FusionTrainingResult Run(FusionModel model, FusionDataset train, FusionDataset validation, string? resumeFrom,
        IProgress<FusionEpoch>? progress, CancellationToken cancellationToken)
    {
        bool classification = model.Options.Task == FusionTask.Classification;
        if (train.IsClassification != classification || validation.IsClassification != classification)
            throw new ArgumentException($"FusionTrainer: a {model.Options.Task} model needs {(classification ? "class-index" : "regression")} targets.");
        int k = model.Options.OutputSize;
        bool frames = model.Options.FrameHead && train.FrameTargets is not null;
        var sampler = classification && _options.BalancedSampling
            ? new FusionBalancedSampler(train.Targets.data<long>().ToArray(), k)
            : null;
        // Resampling already balances the classes; weighting the loss as well would correct twice.
        using var classWeights = classification && _options.ClassWeights && sampler is null
            ? tensor(FusionLosses.InverseFrequencyWeights(train.ClassCounts(k)))
            : null;
        using var frameWeights = frames && classification && _options.ClassWeights ? tensor(FusionLosses.InverseFrequencyWeights(FrameCounts(train, k))) : null;
        using var optimizer = optim.AdamW(model.parameters(), _options.LearningRate, weight_decay: _options.WeightDecay);
        string metricName = frames && _options.SelectOnFrames && validation.FrameTargets is not null
            ? classification ? "frameMacroF1" : "frameCccMean"
            : classification ? "macroF1" : "cccMean";

        var epochs = new List<FusionEpoch>();
        Dictionary<string, Tensor> best;
        double bestMetric = double.NegativeInfinity;
        int bestEpoch = 0, start = 1;
        bool stopped = false;
        if (resumeFrom is not null)
        {
            var (state, saved) = FusionTrainingCheckpoint.Load(resumeFrom, model, optimizer);
            if (state.Seed != _options.Seed || state.MetricName != metricName)
            {
                FusionWeights.Dispose(saved);
                throw new ArgumentException($"Checkpoint {Path.GetFullPath(resumeFrom)} was trained with seed {state.Seed} on {state.MetricName}; " +
                    $"this run has seed {_options.Seed} on {metricName}.");
            }
            best = saved;
            epochs.AddRange(state.History);
            (bestMetric, bestEpoch, start, stopped) = (state.BestMetric, state.BestEpoch, state.EpochsDone + 1, state.Stopped);
            _logger.LogInformation("resuming after epoch {Epoch} of {Epochs} (best {Metric} {Value:F4} at epoch {Best})",
                state.EpochsDone, _options.Epochs, metricName, bestMetric, bestEpoch);
        }
        else
        {
            best = FusionWeights.Snapshot(model);
        }
        try
        {
            for (int epoch = start; epoch <= _options.Epochs && !stopped; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int epochSeed = EpochSeed(_options.Seed, epoch);
                manual_seed(epochSeed);
                var random = new Random(epochSeed);
                double learningRate = _options.LearningRateAt(epoch);
                foreach (var group in optimizer.ParamGroups)
                    group.LearningRate = learningRate;
                model.train();
                long[] order = sampler?.Draw((int)train.Count, random) ?? Shuffled(train.Count, random);
                var (lossMean, reconstructionMean) = RunEpoch(model, train, order, frames, classWeights, frameWeights, optimizer, random);
                var evaluation = FusionEvaluation.Of(model, validation);
                double metric = metricName switch
                {
                    "frameMacroF1" => evaluation.FrameMacroF1!.Value,
                    "frameCccMean" => evaluation.FrameCccMean!.Value,
                    _ => evaluation.Metric,
                };
                var finished = new FusionEpoch(epoch, lossMean, metric, learningRate, model.Options.AutoEncoder ? reconstructionMean : null);
                epochs.Add(finished);
                if (metric > bestMetric)
                {
                    (bestMetric, bestEpoch) = (metric, epoch);
                    FusionWeights.Dispose(best);
                    best = FusionWeights.Snapshot(model);
                }
                else if (epoch - bestEpoch >= _options.Patience)
                {
                    stopped = true;
                }
                if (_options.CheckpointPath is string checkpoint)
                {
                    FusionTrainingCheckpoint.Save(checkpoint, model, optimizer, best, new FusionTrainingState
                    {
                        Seed = _options.Seed, EpochsDone = epoch, BestEpoch = bestEpoch, BestMetric = bestMetric,
                        MetricName = metricName, Stopped = stopped, History = epochs.ToList(),
                    });
                }
                _logger.LogInformation("epoch {Epoch}/{Epochs} loss {Loss:F4} val {Metric} {Value:F4} lr {LearningRate:G3}",
                    epoch, _options.Epochs, lossMean, metricName, metric, learningRate);
                if (stopped)
                    _logger.LogInformation("early stop after epoch {Epoch}: best {Metric} {Value:F4} at epoch {Best}", epoch, metricName, bestMetric, bestEpoch);
                progress?.Report(finished);
            }
            FusionWeights.Restore(model, best);
        }
        finally
        {
            FusionWeights.Dispose(best);
        }
        return new FusionTrainingResult(epochs, bestEpoch, bestMetric, metricName);
    }

    /// <summary>One pass over <paramref name="order"/>; returns the mean loss and mean reconstruction loss per window.</summary>
    private (double Loss, double Reconstruction) RunEpoch(FusionModel model, FusionDataset train, long[] order, bool frames,
        Tensor? classWeights, Tensor? frameWeights, OptimizerHelper optimizer, Random random)
    {
        bool classification = model.Options.Task == FusionTask.Classification;
        int k = model.Options.OutputSize;
        double lossSum = 0, reconstructionSum = 0;
        for (int start = 0; start < order.Length; start += _options.BatchSize)
        {
            using var scope = NewDisposeScope();
            long[] indices = order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start)).ToArray();
            var (features, masks, targets) = train.Batch(indices);
            var batch = _augmentation.Apply(features, masks, targets, frames ? train.FrameBatch(indices) : null, classification ? k : 0, random);
            var (output, frameLogits, reconstruction) = model.TrainingForward(batch.Features, batch.Masks);
            Tensor loss;
            if (!classification)
                loss = _options.UseMse ? FusionLosses.Mse(output, batch.Targets) : FusionLosses.OneMinusCcc(output, batch.Targets);
            else if (batch.SoftTargets is not null)
                loss = FusionLosses.SoftCrossEntropy(output, batch.SoftTargets, classWeights);
            else
                loss = FusionLosses.CrossEntropy(output, batch.Targets, classWeights);
            if (frameLogits is not null && batch.FrameSoftTargets is not null && _options.FrameLossWeight > 0)
                loss = loss + FusionLosses.SoftCrossEntropy(frameLogits, batch.FrameSoftTargets, frameWeights) * _options.FrameLossWeight;
            if (frameLogits is not null && batch.FrameValues is not null && _options.FrameLossWeight > 0)
                loss = loss + FusionLosses.FrameOneMinusCcc(frameLogits, batch.FrameValues) * _options.FrameLossWeight;
            if (reconstruction is not null)
            {
                reconstructionSum += reconstruction.item<float>() * indices.Length;
                if (_options.ReconstructionWeight > 0)
                    loss = loss + reconstruction * _options.ReconstructionWeight;
            }
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>() * indices.Length;
        }
        return (lossSum / order.Length, reconstructionSum / order.Length);
    }

    private static long[] Shuffled(long count, Random random)
    {
        long[] order = new long[count];
        for (long i = 0; i < count; i++)
            order[i] = i;
        random.Shuffle(order);
        return order;
    }

    private static long[] FrameCounts(FusionDataset data, int classes)
    {
        using var labels = data.FrameTargets!.flatten();
        using var valid = labels.masked_select(labels.ge(0));
        using var counts = valid.bincount(null, classes);
        return counts.data<long>().ToArray();
    }
}
