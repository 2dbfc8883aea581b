namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// Class-balanced resampling: each window is drawn with probability ∝ 1 / (windows of its class), so every
/// present class is drawn equally often in expectation; an epoch draws as many windows as the set holds, with
/// replacement.
/// </summary>
/// <remarks>Immutable after construction; draws use the caller's <see cref="Random"/> (seeded per epoch by the trainer).</remarks>
public sealed class FusionBalancedSampler
{
    private readonly double[] _cumulative;

    /// <summary>A sampler over windows labelled <paramref name="labels"/> (class indices 0..classes-1).</summary>
    public FusionBalancedSampler(IReadOnlyList<long> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
            throw new ArgumentException("FusionBalancedSampler needs at least one window.", nameof(labels));
        Weights = SampleWeights(labels, classes);
        _cumulative = new double[Weights.Length];
        double sum = 0;
        for (int i = 0; i < Weights.Length; i++)
        {
            sum += Weights[i];
            _cumulative[i] = sum;
        }
    }

    /// <summary>Per-window sampling weights (sum 1).</summary>
    public double[] Weights { get; }

    /// <summary>Weights 1 / count(class of window), normalised to sum 1.</summary>
    public static double[] SampleWeights(IReadOnlyList<long> labels, int classes)
    {
        var counts = new long[classes];
        foreach (long label in labels)
        {
            if (label < 0 || label >= classes)
                throw new ArgumentException($"FusionBalancedSampler: label {label} is outside 0..{classes - 1}.", nameof(labels));
            counts[label]++;
        }
        int present = counts.Count(c => c > 0);
        return labels.Select(l => 1.0 / (present * (double)counts[l])).ToArray();
    }

    /// <summary><paramref name="count"/> window indices drawn with replacement.</summary>
    public long[] Draw(int count, Random random)
    {
        var indices = new long[count];
        double total = _cumulative[^1];
        for (int i = 0; i < count; i++)
        {
            int at = Array.BinarySearch(_cumulative, random.NextDouble() * total);
            indices[i] = Math.Min(at < 0 ? ~at : at, _cumulative.Length - 1);
        }
        return indices;
    }
}
