namespace MultimodalFusion.Cli.Features;

/// <summary>What one <see cref="FeatureCacheBuilder"/> run did.</summary>
/// <param name="CacheDirectory">The cache folder (full path).</param>
/// <param name="Written">Videos extracted and written in this run.</param>
/// <param name="Skipped">Videos already finished in the cache (resumed run), not recomputed.</param>
/// <param name="Failed">Videos that failed, each with the error message (which names the file).</param>
public sealed record FeatureCacheResult(string CacheDirectory, int Written, int Skipped, IReadOnlyList<FailedVideo> Failed)
{
    /// <summary>True when no video failed.</summary>
    public bool Succeeded => Failed.Count == 0;
}
