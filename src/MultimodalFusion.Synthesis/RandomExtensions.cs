namespace MultimodalFusion.Synthesis;

/// <summary>Small sampling helpers over a seeded <see cref="Random"/>.</summary>
internal static class RandomExtensions
{
    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double Uniform(this Random random, double min, double max) => min + (max - min) * random.NextDouble();

    /// <summary>One element of <paramref name="items"/>, uniformly.</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(this Random random, double p) => random.NextDouble() < p;

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Gaussian(this Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
