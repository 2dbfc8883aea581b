using MultimodalFusion.Training.Data;
using MultimodalFusion.Training.Metrics;
using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>A model's challenge metric on a dataset: macro-F1 (classification) or mean CCC (regression).</summary>
public sealed record FusionEvaluation(string MetricName, double Metric, double? Accuracy, ConfusionMatrix? Confusion, double[]? CccPerDimension)
{
    /// <summary>Runs the model (eval mode, no gradients) over <paramref name="data"/> in batches and scores it.</summary>
    public static FusionEvaluation Of(FusionModel model, FusionDataset data, int batchSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var noGrad = no_grad();
        bool wasTraining = model.training;
        model.eval();
        var outputs = new List<float>();
        var targets = new List<float>();
        var labels = new List<int>();
        for (long start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long[] indices = Enumerable.Range(0, (int)Math.Min(batchSize, data.Count - start)).Select(i => start + i).ToArray();
            var (features, masks, y) = data.Batch(indices);
            outputs.AddRange(model.forward(features, masks).contiguous().data<float>().ToArray());
            if (data.IsClassification)
                labels.AddRange(y.data<long>().ToArray().Select(v => (int)v));
            else
                targets.AddRange(y.contiguous().data<float>().ToArray());
        }
        if (wasTraining)
            model.train();

        int k = model.Options.OutputSize;
        if (data.IsClassification)
        {
            var matrix = ConfusionMatrix.From(labels.ToArray(), TaskLabels.ArgMax(outputs.ToArray(), k), k);
            return new FusionEvaluation("macroF1", matrix.MacroF1(), matrix.Accuracy(), matrix, null);
        }
        double[] perDimension = Concordance.PerDimension(outputs.ToArray(), targets.ToArray(), k);
        return new FusionEvaluation("cccMean", perDimension.Average(), null, null, perDimension);
    }
}
