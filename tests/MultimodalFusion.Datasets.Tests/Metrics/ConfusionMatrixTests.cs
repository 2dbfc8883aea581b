using MultimodalFusion.Datasets.Metrics;

namespace MultimodalFusion.Datasets.Tests.Metrics;

/// <summary>Accuracy, F1 and macro-F1 against hand-computed reference vectors.</summary>
public sealed class ConfusionMatrixTests
{
    [Fact]
    public void ExpressionMacroF1AveragesAllEightClassesIncludingAbsentOnes()
    {
        int[] truth = [0, 0, 1, 1, 2, 3, 4, 4, 4, 5];
        int[] predicted = [0, 1, 1, 1, 2, 4, 4, 4, 0, 5];
        var matrix = ConfusionMatrix.From(truth, predicted, TaskLabels.Expressions.Count);

        // per class: 0.5, 0.8, 1, 0, 2/3, 1, 0 (Surprise absent), 0 (Other absent)
        double[] expected = [0.5, 0.8, 1, 0, 2.0 / 3, 1, 0, 0];
        for (int c = 0; c < 8; c++)
            Assert.Equal(expected[c], matrix.F1(c), 12);
        Assert.Equal(expected.Sum() / 8, matrix.MacroF1(), 12);
        Assert.Equal(0.7, matrix.Accuracy(), 12);
        Assert.Equal(10, matrix.Total);
        Assert.Equal(1, matrix[4, 0]);
        Assert.Equal(1, matrix[3, 4]);
    }

    [Fact]
    public void ViolenceMacroF1OverTwoClasses()
    {
        int[] truth = [1, 1, 1, 0, 0, 0, 0, 1];
        int[] predicted = [1, 0, 0, 0, 0, 1, 0, 1];
        var matrix = ConfusionMatrix.From(truth, predicted, TaskLabels.Violence.Count);

        Assert.Equal(4.0 / 7, matrix.F1(1), 12);
        Assert.Equal(6.0 / 9, matrix.F1(0), 12);
        Assert.Equal((4.0 / 7 + 6.0 / 9) / 2, matrix.MacroF1(), 12);
        Assert.Equal(0.625, matrix.Accuracy(), 12);
        Assert.Equal([[3L, 1L], [2L, 2L]], matrix.ToRows());
    }

    [Fact]
    public void ArgMaxPicksTheLargestScorePerRow()
    {
        float[] scores = [0.1f, 0.7f, 0.2f, 0.5f, 0.4f, 0.1f, 0.3f, 0.3f, 0.4f];
        Assert.Equal([1, 0, 2], TaskLabels.ArgMax(scores, 3));
    }

    [Fact]
    public void OutOfRangeClassIsRejected()
    {
        var matrix = new ConfusionMatrix(2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(0, 2));
        Assert.Contains("[0, 2)", error.Message);
    }
}
