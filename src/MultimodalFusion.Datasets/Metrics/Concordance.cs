namespace MultimodalFusion.Datasets.Metrics;

/// <summary>
/// Lin's concordance correlation coefficient (CCC), the Aff-Wild2 valence/arousal metric:
/// CCC = 2 cov(x, y) / (var(x) + var(y) + (mean(x) - mean(y))^2).
/// </summary>
/// <remarks>
/// Population (1/N) moments, as the challenge's reference code computes them. Sums run in double.
/// Two constant, equal series have an undefined CCC (0/0); this returns 1 when they are identical and 0
/// otherwise, so a degenerate window never turns a mean into NaN.
/// </remarks>
public static class Concordance
{
    /// <summary>CCC between <paramref name="predicted"/> and <paramref name="truth"/> (same length, at least 1).</summary>
    public static double Ccc(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth)
    {
        if (predicted.Length != truth.Length)
            throw new ArgumentException($"CCC needs equal lengths; got {predicted.Length} predictions and {truth.Length} targets.");
        if (predicted.Length == 0)
            throw new ArgumentException("CCC needs at least one value.");
        int n = predicted.Length;
        double meanP = 0, meanT = 0;
        for (int i = 0; i < n; i++)
        {
            meanP += predicted[i];
            meanT += truth[i];
        }
        meanP /= n;
        meanT /= n;
        double varP = 0, varT = 0, cov = 0;
        for (int i = 0; i < n; i++)
        {
            double dp = predicted[i] - meanP, dt = truth[i] - meanT;
            varP += dp * dp;
            varT += dt * dt;
            cov += dp * dt;
        }
        varP /= n;
        varT /= n;
        cov /= n;
        double denominator = varP + varT + (meanP - meanT) * (meanP - meanT);
        if (denominator == 0)
            return 1.0;
        return 2 * cov / denominator;
    }

    /// <summary>
    /// CCC per column of row-major [n, dims] predictions and targets (e.g. dims = 2: valence, arousal).
    /// </summary>
    public static double[] PerDimension(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth, int dims)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dims, 1);
        if (predicted.Length != truth.Length || predicted.Length % dims != 0)
            throw new ArgumentException($"CCC needs two [n, {dims}] arrays; got {predicted.Length} and {truth.Length} values.");
        int n = predicted.Length / dims;
        var result = new double[dims];
        var p = new float[n];
        var t = new float[n];
        for (int d = 0; d < dims; d++)
        {
            for (int i = 0; i < n; i++)
            {
                p[i] = predicted[i * dims + d];
                t[i] = truth[i * dims + d];
            }
            result[d] = Ccc(p, t);
        }
        return result;
    }

    /// <summary>The challenge score: the mean of the per-dimension CCCs (valence and arousal).</summary>
    public static double Mean(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth, int dims = 2) =>
        PerDimension(predicted, truth, dims).Average();
}
