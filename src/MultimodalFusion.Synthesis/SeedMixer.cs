namespace MultimodalFusion.Synthesis;

/// <summary>Derives independent, reproducible random streams from one user seed.</summary>
/// <remarks>
/// Every video (and every stream inside it: timeline, rendering, audio, text) draws from its own
/// <see cref="Random"/> seeded by <see cref="Derive"/>, so videos can be generated in parallel and in any
/// order and still come out byte-identical. <see cref="Random"/>'s seeded algorithm is the frozen
/// legacy one, stable across .NET versions.
/// </remarks>
internal static class SeedMixer
{
    /// <summary>A 31-bit seed from the user seed and a path of integers (SplitMix64 finaliser per step).</summary>
    public static int Derive(int seed, params ReadOnlySpan<int> path)
    {
        ulong x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);
        foreach (int p in path)
            x = Mix(x ^ unchecked((ulong)(uint)p * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL));
        return (int)(x & 0x7FFFFFFF);
    }

    /// <summary>A random generator for one stream of one video.</summary>
    public static Random Create(int seed, params ReadOnlySpan<int> path) => new(Derive(seed, path));

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
