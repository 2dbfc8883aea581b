namespace MultimodalFusion.Datasets.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs over k classes, and the classification metrics the
/// challenges use: accuracy, per-class F1 and macro-F1 (expressions: 8 classes; violence: 2 classes).
/// </summary>
/// <remarks>
/// Macro-F1 averages over all k classes, including classes that never occur: a class with no true and no
/// predicted sample has F1 = 0 (scikit-learn's <c>f1_score(average="macro", labels=range(k))</c> default),
/// which is what the challenge evaluation does. Not thread-safe.
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    /// <summary>An empty matrix over <paramref name="classCount"/> classes.</summary>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ClassCount = classCount;
        _counts = new long[classCount, classCount];
    }

    /// <summary>Number of classes k.</summary>
    public int ClassCount { get; }

    /// <summary>Total number of samples added.</summary>
    public long Total { get; private set; }

    /// <summary>Samples whose true class is <paramref name="truth"/> and predicted class is <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>Builds a matrix from parallel label arrays.</summary>
    public static ConfusionMatrix From(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"Confusion matrix needs equal lengths; got {truth.Length} targets and {predicted.Length} predictions.");
        var matrix = new ConfusionMatrix(classCount);
        for (int i = 0; i < truth.Length; i++)
            matrix.Add(truth[i], predicted[i]);
        return matrix;
    }

    /// <summary>Counts one sample.</summary>
    public void Add(int truth, int predicted)
    {
        if ((uint)truth >= (uint)ClassCount || (uint)predicted >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(nameof(truth), $"Class indices must lie in [0, {ClassCount}); got truth {truth}, predicted {predicted}.");
        _counts[truth, predicted]++;
        Total++;
    }

    /// <summary>Fraction of samples on the diagonal (0 when empty).</summary>
    public double Accuracy()
    {
        if (Total == 0)
            return 0;
        long correct = 0;
        for (int c = 0; c < ClassCount; c++)
            correct += _counts[c, c];
        return (double)correct / Total;
    }

    /// <summary>F1 of one class: 2 TP / (2 TP + FP + FN); 0 when the class is neither true nor predicted anywhere.</summary>
    public double F1(int classIndex)
    {
        long tp = _counts[classIndex, classIndex], fp = 0, fn = 0;
        for (int other = 0; other < ClassCount; other++)
        {
            if (other == classIndex)
                continue;
            fp += _counts[other, classIndex];
            fn += _counts[classIndex, other];
        }
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    /// <summary>Unweighted mean of the per-class F1 over all k classes.</summary>
    public double MacroF1()
    {
        double sum = 0;
        for (int c = 0; c < ClassCount; c++)
            sum += F1(c);
        return sum / ClassCount;
    }

    /// <summary>A copy of the counts as a jagged array [truth][predicted] (for JSON reports).</summary>
    public long[][] ToRows()
    {
        var rows = new long[ClassCount][];
        for (int t = 0; t < ClassCount; t++)
        {
            rows[t] = new long[ClassCount];
            for (int p = 0; p < ClassCount; p++)
                rows[t][p] = _counts[t, p];
        }
        return rows;
    }
}
