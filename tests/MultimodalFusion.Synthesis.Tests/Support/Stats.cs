namespace MultimodalFusion.Synthesis.Tests.Support;

/// <summary>Small statistics for the cue tests.</summary>
internal static class Stats
{
    /// <summary>Pearson correlation of two equally long series.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Assert.Equal(x.Count, y.Count);
        Assert.True(x.Count >= 3, $"need at least 3 points, have {x.Count}");
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Least-squares quadratic fit y = a u^2 + b u + c; returns a.</summary>
    public static double QuadraticCoefficient(IReadOnlyList<double> u, IReadOnlyList<double> y)
    {
        // Normal equations of the 3-parameter fit, solved by Cramer's rule.
        double s0 = u.Count, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (int i = 0; i < u.Count; i++)
        {
            double x = u[i], x2 = x * x;
            s1 += x; s2 += x2; s3 += x2 * x; s4 += x2 * x2;
            t0 += y[i]; t1 += x * y[i]; t2 += x2 * y[i];
        }
        double det = Det(s4, s3, s2, s3, s2, s1, s2, s1, s0);
        return Det(t2, s3, s2, t1, s2, s1, t0, s1, s0) / det;
    }

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}
