namespace MultimodalFusion.Datasets.Metrics;

/// <summary>Class labels of the two classification tasks, in the index order the models and manifests use.</summary>
public static class TaskLabels
{
    /// <summary>The 8 Aff-Wild2 expression classes.</summary>
    public static IReadOnlyList<string> Expressions { get; } =
        ["Neutral", "Anger", "Disgust", "Fear", "Happiness", "Sadness", "Surprise", "Other"];

    /// <summary>The 2 violence classes (index 1 is the positive class).</summary>
    public static IReadOnlyList<string> Violence { get; } = ["NonViolent", "Violent"];

    /// <summary>The 2 regression dimensions, in output order.</summary>
    public static IReadOnlyList<string> ValenceArousal { get; } = ["valence", "arousal"];

    /// <summary>Index of the largest score in each row of row-major [n, k] scores (ties: the lowest index).</summary>
    public static int[] ArgMax(ReadOnlySpan<float> scores, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (scores.Length % classCount != 0)
            throw new ArgumentException($"Scores of length {scores.Length} are not rows of {classCount} classes.");
        var result = new int[scores.Length / classCount];
        for (int i = 0; i < result.Length; i++)
        {
            var row = scores.Slice(i * classCount, classCount);
            int best = 0;
            for (int c = 1; c < classCount; c++)
            {
                if (row[c] > row[best])
                    best = c;
            }
            result[i] = best;
        }
        return result;
    }
}
