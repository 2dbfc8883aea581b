using MultimodalFusion.Datasets.Metrics;

namespace MultimodalFusion.Datasets.Tests.Metrics;

/// <summary>CCC against values computed by hand (population moments).</summary>
public sealed class ConcordanceTests
{
    [Fact]
    public void ScaledSeriesHasTheHandComputedCcc()
    {
        // means 2.5 and 5; var 1.25 and 5; cov 2.5 -> 2 * 2.5 / (1.25 + 5 + 6.25) = 0.4
        Assert.Equal(0.4, Concordance.Ccc([1, 2, 3, 4], [2, 4, 6, 8]), 12);
    }

    [Fact]
    public void IdenticalSeriesGiveOneAndNegatedSeriesTheHandComputedValue()
    {
        float[] truth = [0f, 0.5f, -0.5f, 1f];
        float[] negated = truth.Select(v => -v).ToArray();
        Assert.Equal(1.0, Concordance.Ccc(truth, truth), 12);
        // var 0.3125 each, cov -0.3125, mean gap 0.5 -> -0.625 / 0.875
        Assert.Equal(-0.625 / 0.875, Concordance.Ccc(negated, truth), 6);
    }

    [Fact]
    public void ConstantPredictionScoresZero()
    {
        Assert.Equal(0.0, Concordance.Ccc([1, 1, 1], [1, 2, 3]), 12);
    }

    [Fact]
    public void PerDimensionAndMeanReadInterleavedValenceArousal()
    {
        // valence column: (1,2,3,4) vs (2,4,6,8) -> 0.4; arousal column: negated -> -0.714285...
        float[] predicted = [1, -0f, 2, -0.5f, 3, 0.5f, 4, -1f];
        float[] truth = [2, 0f, 4, 0.5f, 6, -0.5f, 8, 1f];
        double[] perDimension = Concordance.PerDimension(predicted, truth, 2);
        Assert.Equal(0.4, perDimension[0], 6);
        Assert.Equal(-0.625 / 0.875, perDimension[1], 6);
        Assert.Equal((0.4 - 0.625 / 0.875) / 2, Concordance.Mean(predicted, truth), 6);
    }

    [Fact]
    public void MismatchedLengthsAreRejectedWithBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => Concordance.Ccc([1, 2], [1, 2, 3]));
        Assert.Contains("2 predictions and 3 targets", error.Message);
    }
}
