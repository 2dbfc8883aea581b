namespace MultimodalFusion.Benchmarks.Running;

/// <summary>BenchmarkDotNet category names used by the suites and by <c>quick</c> mode.</summary>
public static class BenchCategories
{
    /// <summary>
    /// The set that <c>quick</c> (and <c>run.ps1 bench</c>) runs with the short job: the baselines and the comparisons
    /// the README quotes. Everything not in it is still run by <c>--filter '*'</c>.
    /// </summary>
    public const string Quick = "Quick";
}
