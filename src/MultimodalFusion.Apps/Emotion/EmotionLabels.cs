using MultimodalFusion.Datasets.Metrics;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>The emotion fusion models' expression classes, in the order of their <c>expr</c> output.</summary>
/// <remarks>The names are the challenge's (<see cref="TaskLabels.Expressions"/>), the one list the trainer and the runtime share.</remarks>
public static class EmotionLabels
{
    /// <summary>Number of expression classes.</summary>
    public static int Count => TaskLabels.Expressions.Count;

    /// <summary>Expression names, index = class id of the <c>expr</c> softmax.</summary>
    public static IReadOnlyList<string> Expressions => TaskLabels.Expressions;

    /// <summary>Name of the graph output holding valence and arousal, <c>[batch, 2]</c> in [-1, 1].</summary>
    public const string VaOutput = "va";

    /// <summary>Name of the graph output holding the expression softmax, <c>[batch, 8]</c>.</summary>
    public const string ExpressionOutput = "expr";

    /// <summary>Index of the highest probability; ties go to the lowest index.</summary>
    /// <exception cref="ArgumentException">The span is not <see cref="Count"/> long.</exception>
    public static int ArgMax(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.Length != Count)
            throw new ArgumentException($"expected {Count} expression probabilities, got {probabilities.Length}", nameof(probabilities));
        int best = 0;
        for (int i = 1; i < probabilities.Length; i++)
            if (probabilities[i] > probabilities[best]) best = i;
        return best;
    }
}
