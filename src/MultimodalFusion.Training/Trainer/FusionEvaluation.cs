using MultimodalFusion.Training.Data;
using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// A model's challenge metric on a dataset: macro-F1 (classification) or mean CCC (regression); with a frame head
/// and per-frame targets also the per-frame score over the labelled (window, step) pairs: macro-F1 (the DVD metric)
/// or CCC per dimension (the Aff-Wild2 VA metric; a frame covered by several windows counts once per window).
/// </summary>
public sealed record FusionEvaluation(string MetricName, double Metric, double? Accuracy, ConfusionMatrix? Confusion, double[]? CccPerDimension,
    double? FrameMacroF1 = null, ConfusionMatrix? FrameConfusion = null, double[]? FrameCccPerDimension = null)
{
    /// <summary>Mean of <see cref="FrameCccPerDimension"/>, or null without per-frame values.</summary>
    public double? FrameCccMean => FrameCccPerDimension?.Average();

    /// <summary>Runs the model (eval mode, no gradients) over <paramref name="data"/> in batches and scores it.</summary>
    public static FusionEvaluation Of(FusionModel model, FusionDataset data, int batchSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var noGrad = no_grad();
        bool wasTraining = model.training;
        model.eval();
        bool frames = model.Options.FrameHead && data.FrameTargets is not null;
        int k = model.Options.OutputSize;
        var outputs = new List<float>();
        var targets = new List<float>();
        var labels = new List<int>();
        var frameTruth = new List<int>();
        var framePredicted = new List<int>();
        var frameValues = new List<float>();
        var frameTargets = new List<float>();
        for (long start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long[] indices = Enumerable.Range(0, (int)Math.Min(batchSize, data.Count - start)).Select(i => start + i).ToArray();
            var (features, masks, y) = data.Batch(indices);
            Tensor output;
            if (frames)
            {
                var (window, frameLogits) = model.ForwardFrames(features, masks);
                output = window;
                if (!data.IsClassification)
                {
                    AddLabelledValues(frameLogits, data.FrameBatch(indices)!, k, frameValues, frameTargets);
                }
                else
                {
                    long[] truth = data.FrameBatch(indices)!.contiguous().data<long>().ToArray();
                    int[] predicted = TaskLabels.ArgMax(frameLogits.contiguous().data<float>().ToArray(), k);
                    for (int i = 0; i < truth.Length; i++)
                    {
                        if (truth[i] >= 0)
                        {
                            frameTruth.Add((int)truth[i]);
                            framePredicted.Add(predicted[i]);
                        }
                    }
                }
            }
            else
            {
                output = model.forward(features, masks);
            }
            outputs.AddRange(output.contiguous().data<float>().ToArray());
            if (data.IsClassification)
                labels.AddRange(y.data<long>().ToArray().Select(v => (int)v));
            else
                targets.AddRange(y.contiguous().data<float>().ToArray());
        }
        if (wasTraining)
            model.train();

        if (data.IsClassification)
        {
            var matrix = ConfusionMatrix.From(labels.ToArray(), TaskLabels.ArgMax(outputs.ToArray(), k), k);
            var frameMatrix = frames ? ConfusionMatrix.From(frameTruth.ToArray(), framePredicted.ToArray(), k) : null;
            return new FusionEvaluation("macroF1", matrix.MacroF1(), matrix.Accuracy(), matrix, null, frameMatrix?.MacroF1(), frameMatrix);
        }
        double[] perDimension = Concordance.PerDimension(outputs.ToArray(), targets.ToArray(), k);
        double[]? framePerDimension = frames && frameTargets.Count >= 2 * k
            ? Concordance.PerDimension(frameValues.ToArray(), frameTargets.ToArray(), k)
            : null;
        return new FusionEvaluation("cccMean", perDimension.Average(), null, null, perDimension, FrameCccPerDimension: framePerDimension);
    }

    // Appends the rows of values [b, t, k] whose targets [b, t, k] hold no NaN.
    private static void AddLabelledValues(Tensor values, Tensor targets, int k, List<float> outValues, List<float> outTargets)
    {
        float[] v = values.contiguous().data<float>().ToArray();
        float[] t = targets.contiguous().data<float>().ToArray();
        for (int row = 0; row < t.Length / k; row++)
        {
            bool labelled = true;
            for (int d = 0; d < k; d++)
                labelled &= !float.IsNaN(t[row * k + d]);
            if (!labelled)
                continue;
            outValues.AddRange(v.AsSpan(row * k, k).ToArray());
            outTargets.AddRange(t.AsSpan(row * k, k).ToArray());
        }
    }
}
