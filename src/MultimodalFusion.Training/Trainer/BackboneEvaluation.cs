using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Models.Backbones;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>A backbone model's metric on a dataset: macro-F1 with accuracy and confusion (classification) or mean CCC (regression).</summary>
public sealed record BackboneEvaluation(string MetricName, double Metric, double? Accuracy, ConfusionMatrix? Confusion, double[]? CccPerDimension)
{
    /// <summary>Runs the model (eval mode, no gradients) over <paramref name="data"/> in batches and scores it; the model's mode is restored.</summary>
    public static BackboneEvaluation Of(BackboneModel model, BackboneDataset data, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        bool classification = model.Task == FusionTask.Classification;
        if (data.IsClassification != classification)
            throw new ArgumentException($"BackboneEvaluation: a {model.Task} model needs {(classification ? "class-index" : "regression")} targets.");
        using var noGrad = no_grad();
        bool wasTraining = model.training;
        model.eval();
        var outputs = new List<float>();
        var targets = new List<float>();
        var labels = new List<int>();
        try
        {
            for (long start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                long[] indices = Enumerable.Range(0, (int)Math.Min(batchSize, data.Count - start)).Select(i => start + i).ToArray();
                var (x, y) = data.Batch(indices);
                outputs.AddRange(model.forward(x).contiguous().data<float>().ToArray());
                if (classification)
                    labels.AddRange(y.data<long>().ToArray().Select(v => (int)v));
                else
                    targets.AddRange(y.contiguous().data<float>().ToArray());
            }
        }
        finally
        {
            if (wasTraining)
                model.train();
        }

        int k = model.OutputSize;
        if (classification)
        {
            var matrix = ConfusionMatrix.From(labels.ToArray(), TaskLabels.ArgMax(outputs.ToArray(), k), k);
            return new BackboneEvaluation("macroF1", matrix.MacroF1(), matrix.Accuracy(), matrix, null);
        }
        double[] perDimension = Concordance.PerDimension(outputs.ToArray(), targets.ToArray(), k);
        return new BackboneEvaluation("cccMean", perDimension.Average(), null, null, perDimension);
    }
}
