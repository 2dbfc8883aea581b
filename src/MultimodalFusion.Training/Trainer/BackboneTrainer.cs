using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Models.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// Trains a <see cref="BackboneModel"/> (any <see cref="Backbone"/> + linear head) end to end on a <see cref="BackboneDataset"/>:
/// AdamW with a cosine learning-rate schedule, class-weighted cross-entropy or 1 - CCC (or MSE), optional input
/// noise, early stopping on the validation metric (macro-F1 or mean CCC) with the best weights and batch-norm
/// statistics restored. Seeded and repeatable on CPU.
/// </summary>
/// <remarks>Not thread-safe; one run at a time. The model is trained in place; the datasets stay owned by the caller.</remarks>
public sealed class BackboneTrainer
{
    private readonly BackboneTrainerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a trainer; <paramref name="logger"/> receives one line per epoch.</summary>
    public BackboneTrainer(BackboneTrainerOptions options, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Trains <paramref name="model"/>; returns the per-epoch history and the best epoch, whose weights the model then holds.</summary>
    /// <param name="model">Trained in place; left in eval mode.</param>
    /// <param name="train">Training samples.</param>
    /// <param name="validation">Samples for the early-stopping metric.</param>
    /// <param name="progress">Told after every epoch; called on the training thread.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public BackboneTrainingResult Train(BackboneModel model, BackboneDataset train, BackboneDataset validation,
        IProgress<BackboneEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        bool classification = model.Task == FusionTask.Classification;
        if (train.IsClassification != classification || validation.IsClassification != classification)
            throw new ArgumentException($"BackboneTrainer: a {model.Task} model needs {(classification ? "class-index" : "regression")} targets.");
        if (train.Count < 2)
            throw new ArgumentException($"BackboneTrainer: needs at least 2 training samples (batch norm); got {train.Count}.");
        int threads = get_num_threads();
        if (_options.Threads is int wanted)
            set_num_threads(wanted);
        try
        {
            return Run(model, train, validation, classification, progress, cancellationToken);
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private BackboneTrainingResult Run(BackboneModel model, BackboneDataset train, BackboneDataset validation, bool classification,
        IProgress<BackboneEpoch>? progress, CancellationToken cancellationToken)
    {
        manual_seed(_options.Seed);
        var random = new Random(_options.Seed);
        using var classWeights = classification && _options.ClassWeights
            ? tensor(FusionLosses.InverseFrequencyWeights(train.ClassCounts(model.OutputSize)))
            : null;
        using var optimizer = optim.AdamW(model.parameters(), _options.LearningRate, weight_decay: _options.WeightDecay);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, _options.Epochs, _options.LearningRate * 0.05);

        var epochs = new List<BackboneEpoch>();
        var best = Snapshot(model);
        double bestMetric = double.NegativeInfinity;
        int bestEpoch = 0;
        string metricName = classification ? "macroF1" : "cccMean";
        long[] order = Enumerable.Range(0, (int)train.Count).Select(i => (long)i).ToArray();
        try
        {
            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                double learningRate = optimizer.ParamGroups.First().LearningRate;
                model.train();
                random.Shuffle(order);
                double lossSum = 0;
                long seen = 0;
                foreach (long[] indices in Batches(order))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var (x, y) = train.Batch(indices);
                    if (_options.InputNoise > 0)
                        x = x + randn_like(x) * _options.InputNoise;
                    var output = model.forward(x);
                    var loss = classification ? FusionLosses.CrossEntropy(output, y, classWeights)
                        : _options.UseMse ? FusionLosses.Mse(output, y) : FusionLosses.OneMinusCcc(output, y);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    lossSum += loss.item<float>() * indices.Length;
                    seen += indices.Length;
                }
                schedule.step();
                var evaluation = BackboneEvaluation.Of(model, validation);
                var finished = new BackboneEpoch(epoch, lossSum / seen, evaluation.Metric, learningRate);
                epochs.Add(finished);
                progress?.Report(finished);
                _logger.LogInformation("backbone epoch {Epoch}/{Epochs} loss {Loss:F4} val {Metric} {Value:F4} lr {LearningRate:G3}",
                    epoch, _options.Epochs, finished.TrainLoss, metricName, evaluation.Metric, learningRate);
                if (evaluation.Metric > bestMetric)
                {
                    bestMetric = evaluation.Metric;
                    bestEpoch = epoch;
                    Dispose(best);
                    best = Snapshot(model);
                }
                if (_options.TargetMetric is double target && bestMetric >= target)
                {
                    _logger.LogInformation("backbone target {Metric} {Target:F4} reached at epoch {Epoch}", metricName, target, bestEpoch);
                    break;
                }
                if (epoch - bestEpoch >= _options.Patience)
                {
                    _logger.LogInformation("backbone early stop after epoch {Epoch}: best {Metric} {Value:F4} at epoch {Best}", epoch, metricName, bestMetric, bestEpoch);
                    break;
                }
            }
            model.load_state_dict(best);
        }
        finally
        {
            Dispose(best);
        }
        model.eval();
        return new BackboneTrainingResult(epochs, bestEpoch, bestMetric, metricName);
    }

    /// <summary>Consecutive batches of the shuffled order; a trailing batch of one sample joins the previous one (batch norm needs two).</summary>
    private IEnumerable<long[]> Batches(long[] order)
    {
        int size = _options.BatchSize;
        for (int start = 0; start < order.Length; start += size)
        {
            int count = Math.Min(size, order.Length - start);
            if (order.Length - (start + count) == 1)
                count++;
            yield return order.AsSpan(start, count).ToArray();
            start += count - size;
        }
    }

    /// <summary>Copies of every parameter and buffer (batch-norm running statistics included).</summary>
    private static Dictionary<string, Tensor> Snapshot(BackboneModel model)
    {
        using var noGrad = no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    private static void Dispose(Dictionary<string, Tensor> weights)
    {
        foreach (var t in weights.Values)
            t.Dispose();
        weights.Clear();
    }
}
