using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// Mixup for fusion batches: each window is mixed with another window of the batch (a permutation),
/// x = λ·x_a + (1-λ)·x_b per stream, masks OR-ed, and the targets mixed the same way: soft class targets
/// λ·onehot(a) + (1-λ)·onehot(b) for cross-entropy, λ·y_a + (1-λ)·y_b for regression, and per-frame soft targets
/// where an unlabelled frame (-1) contributes nothing from its side. λ ~ Beta(α, α), one per batch.
/// </summary>
/// <remarks>Every method returns new tensors owned by the caller's dispose scope; inputs are not modified.</remarks>
public static class FusionMixup
{
    /// <summary>A draw of λ ~ Beta(α, α) from <paramref name="random"/> (two Gamma(α) draws, Marsaglia-Tsang).</summary>
    public static double SampleLambda(double alpha, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        double x = Gamma(alpha, random), y = Gamma(alpha, random);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    /// <summary>One-hot rows [.., k] of class indices; indices &lt; 0 give all-zero rows.</summary>
    public static Tensor OneHot(Tensor labels, int classes)
    {
        var valid = labels.ge(0);
        var hot = nn.functional.one_hot(labels.clamp_min(0), classes).to_type(ScalarType.Float32);
        return hot * valid.unsqueeze(-1).to_type(ScalarType.Float32);
    }

    /// <summary>λ·a + (1-λ)·b[permutation] along the batch axis (features, regression targets, soft targets).</summary>
    public static Tensor Mix(Tensor a, Tensor permutation, double lambda) =>
        a * (float)lambda + a.index_select(0, permutation) * (float)(1 - lambda);

    /// <summary>The union of a mask and its permuted rows (a step is present when either window has it).</summary>
    public static Tensor MixMask(Tensor mask, Tensor permutation) => mask.logical_or(mask.index_select(0, permutation));

    /// <summary>Soft class targets [b, k] (or per-frame [b, t, k]) for class indices [b] (or [b, t], -1 = ignore).</summary>
    public static Tensor MixLabels(Tensor labels, Tensor permutation, double lambda, int classes) =>
        Mix(OneHot(labels, classes), permutation, lambda);

    private static double Gamma(double alpha, Random random)
    {
        if (alpha < 1)
            return Gamma(alpha + 1, random) * Math.Pow(random.NextDouble(), 1 / alpha);
        double d = alpha - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
                return d * v;
        }
    }
}
