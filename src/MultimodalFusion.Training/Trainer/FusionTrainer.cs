using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Training.Data;
using MultimodalFusion.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// Trains a <see cref="FusionModel"/> on a <see cref="FusionDataset"/>: AdamW with a cosine learning-rate
/// schedule, class-weighted cross-entropy or 1 - CCC (or MSE), feature-level augmentation (noise, feature
/// dropout, temporal jitter), modality dropout, early stopping on the
/// validation metric with the best weights restored. Seeded and repeatable on CPU.
/// </summary>
/// <remarks>Not thread-safe; one run at a time. The model is trained in place; the datasets stay owned by the caller.</remarks>
public sealed class FusionTrainer
{
    private readonly FusionTrainerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer; <paramref name="logger"/> receives one line per epoch.</summary>
    public FusionTrainer(FusionTrainerOptions options, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Epochs < 1 || options.BatchSize < 1 || options.Patience < 1 || options.LearningRate <= 0)
            throw new ArgumentException("FusionTrainerOptions: Epochs, BatchSize, Patience must be >= 1 and LearningRate > 0.");
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Trains <paramref name="model"/>; returns the per-epoch history and the best epoch, whose weights the model then holds.</summary>
    /// <param name="model">Trained in place.</param>
    /// <param name="train">Training windows.</param>
    /// <param name="validation">Windows for the early-stopping metric.</param>
    /// <param name="progress">Told after every epoch (e.g. the CLI's progress bar); called on the training thread.</param>
    /// <param name="cancellationToken">Checked between epochs.</param>
    public FusionTrainingResult Train(FusionModel model, FusionDataset train, FusionDataset validation,
        IProgress<FusionEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        bool classification = model.Options.Task == FusionTask.Classification;
        if (train.IsClassification != classification || validation.IsClassification != classification)
            throw new ArgumentException($"FusionTrainer: a {model.Options.Task} model needs {(classification ? "class-index" : "regression")} targets.");
        manual_seed(_options.Seed);
        var random = new Random(_options.Seed);
        using var classWeights = classification && _options.ClassWeights
            ? tensor(FusionLosses.InverseFrequencyWeights(train.ClassCounts(model.Options.OutputSize)))
            : null;
        using var optimizer = optim.AdamW(model.parameters(), _options.LearningRate, weight_decay: _options.WeightDecay);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, _options.Epochs, _options.LearningRate * 0.05);

        var epochs = new List<FusionEpoch>();
        var best = Snapshot(model);
        double bestMetric = double.NegativeInfinity;
        int bestEpoch = 0;
        string metricName = classification ? "macroF1" : "cccMean";
        long[] order = Enumerable.Range(0, (int)train.Count).Select(i => (long)i).ToArray();
        try
        {
            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double learningRate = optimizer.ParamGroups.First().LearningRate;
                model.train();
                random.Shuffle(order);
                double lossSum = 0, reconstructionSum = 0;
                for (int start = 0; start < order.Length; start += _options.BatchSize)
                {
                    using var scope = NewDisposeScope();
                    long[] indices = order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start)).ToArray();
                    var (features, masks, targets) = train.Batch(indices);
                    var (augmented, shifted) = Augment(features, masks, random);
                    var (output, _, reconstruction) = model.TrainingForward(augmented, DropModalities(shifted, random));
                    var loss = classification ? FusionLosses.CrossEntropy(output, targets, classWeights)
                        : _options.UseMse ? FusionLosses.Mse(output, targets) : FusionLosses.OneMinusCcc(output, targets);
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
                schedule.step();
                var evaluation = FusionEvaluation.Of(model, validation);
                var finished = new FusionEpoch(epoch, lossSum / order.Length, evaluation.Metric, learningRate,
                    model.Options.AutoEncoder ? reconstructionSum / order.Length : null);
                epochs.Add(finished);
                progress?.Report(finished);
                _logger.LogInformation("epoch {Epoch}/{Epochs} loss {Loss:F4} val {Metric} {Value:F4} lr {LearningRate:G3}",
                    epoch, _options.Epochs, lossSum / order.Length, metricName, evaluation.Metric, learningRate);
                if (evaluation.Metric > bestMetric)
                {
                    bestMetric = evaluation.Metric;
                    bestEpoch = epoch;
                    Dispose(best);
                    best = Snapshot(model);
                }
                else if (epoch - bestEpoch >= _options.Patience)
                {
                    _logger.LogInformation("early stop after epoch {Epoch}: best {Metric} {Value:F4} at epoch {Best}", epoch, metricName, bestMetric, bestEpoch);
                    break;
                }
            }
            Restore(model, best);
        }
        finally
        {
            Dispose(best);
        }
        return new FusionTrainingResult(epochs, bestEpoch, bestMetric, metricName);
    }

    /// <summary>Feature-level augmentation of one training batch: temporal jitter, Gaussian noise, feature dropout.</summary>
    private (List<Tensor> Features, List<Tensor> Masks) Augment(List<Tensor> features, List<Tensor> masks, Random random)
    {
        var outFeatures = new List<Tensor>(features.Count);
        var outMasks = new List<Tensor>(masks.Count);
        for (int m = 0; m < features.Count; m++)
        {
            var f = features[m];
            var k = masks[m];
            int shift = _options.TemporalJitter > 0 ? random.Next(-_options.TemporalJitter, _options.TemporalJitter + 1) : 0;
            if (shift != 0)
            {
                // Rolled steps wrap around; the mask rolls with them, so wrapped padding becomes a masked gap.
                f = f.roll(shift, 1);
                k = k.roll(shift, 1);
            }
            if (_options.FeatureNoise > 0)
                f = f + randn_like(f) * _options.FeatureNoise;
            if (_options.FeatureDropout > 0)
                f = nn.functional.dropout(f, _options.FeatureDropout, training: true);
            outFeatures.Add(f);
            outMasks.Add(k);
        }
        return (outFeatures, outMasks);
    }

    /// <summary>Clears one random stream's mask in a fraction of the windows (never the only stream).</summary>
    private List<Tensor> DropModalities(List<Tensor> masks, Random random)
    {
        if (_options.ModalityDropout <= 0 || masks.Count < 2)
            return masks;
        long batch = masks[0].shape[0];
        var keep = new bool[masks.Count][];
        for (int m = 0; m < masks.Count; m++)
            keep[m] = Enumerable.Repeat(true, (int)batch).ToArray();
        for (int i = 0; i < batch; i++)
        {
            if (random.NextDouble() < _options.ModalityDropout)
                keep[random.Next(masks.Count)][i] = false;
        }
        return masks.Select((mask, m) => mask.logical_and(tensor(keep[m]).unsqueeze(1))).ToList();
    }

    private static Dictionary<string, Tensor> Snapshot(FusionModel model)
    {
        using var noGrad = no_grad();
        return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone().DetachFromDisposeScope());
    }

    private static void Restore(FusionModel model, Dictionary<string, Tensor> weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
            parameter.copy_(weights[name]);
    }

    private static void Dispose(Dictionary<string, Tensor> weights)
    {
        foreach (var t in weights.Values)
            t.Dispose();
        weights.Clear();
    }
}
