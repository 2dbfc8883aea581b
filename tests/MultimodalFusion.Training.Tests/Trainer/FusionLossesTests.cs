using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Training.Trainer;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Trainer;

/// <summary>Losses against the plain-C# metrics and hand-computed values.</summary>
public sealed class FusionLossesTests
{
    [Fact]
    public void OneMinusCccMatchesTheMetric()
    {
        float[] predicted = [1, -0f, 2, -0.5f, 3, 0.5f, 4, -1f];
        float[] truth = [2, 0f, 4, 0.5f, 6, -0.5f, 8, 1f];
        using var p = tensor(predicted, new long[] { 4, 2 });
        using var t = tensor(truth, new long[] { 4, 2 });
        using var loss = FusionLosses.OneMinusCcc(p, t);
        Assert.Equal(1 - Concordance.Mean(predicted, truth), loss.item<float>(), 5);
    }

    [Fact]
    public void InverseFrequencyWeightsHaveMeanOneOverPresentClasses()
    {
        // 6 samples over 3 classes: 3, 2, 1 -> 6/(3*3), 6/(3*2), 6/(3*1)
        Assert.Equal([2f / 3, 1f, 2f], FusionLosses.InverseFrequencyWeights([3, 2, 1]));
        Assert.Equal(0f, FusionLosses.InverseFrequencyWeights([4, 0])[1]);
    }

    [Fact]
    public void WeightedCrossEntropyWeighsTheRareClassMore()
    {
        using var logits = tensor(new float[] { 2, 0, 0, 2 }, new long[] { 2, 2 });
        using var labels = tensor(new long[] { 1, 1 });
        using var plain = FusionLosses.CrossEntropy(logits, labels, null);
        // Both rows are class 1, so weights cancel in the weighted mean; the value is the mean of -log softmax.
        double expected = (Math.Log(1 + Math.Exp(2)) + Math.Log(1 + Math.Exp(-2))) / 2;
        Assert.Equal(expected, plain.item<float>(), 5);
        using var mixedLabels = tensor(new long[] { 0, 1 });
        using var logits2 = tensor(new float[] { 0, 2, 0, 2 }, new long[] { 2, 2 });
        using var weights = tensor(new float[] { 3, 1 });
        using var weighted = FusionLosses.CrossEntropy(logits2, mixedLabels, weights);
        // (3 * log(1 + e^2) + 1 * log(1 + e^-2)) / (3 + 1)
        Assert.Equal((3 * Math.Log(1 + Math.Exp(2)) + Math.Log(1 + Math.Exp(-2))) / 4, weighted.item<float>(), 5);
    }
}
