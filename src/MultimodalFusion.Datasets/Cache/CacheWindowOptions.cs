namespace MultimodalFusion.Datasets.Cache;

/// <summary>How <see cref="CacheWindowing"/> cuts cached videos into fusion windows (the trainer's and <c>mmf eval</c>'s one rule).</summary>
public sealed record CacheWindowOptions
{
    /// <summary>Task whose labels become window labels: "va", "expr" or "violence".</summary>
    public required string Task { get; init; }

    /// <summary>Window length W.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Hop H between window starts.</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Window label rule for violence (per-frame targets are the same either way).</summary>
    public ViolenceLabelRule ViolenceRule { get; init; } = ViolenceLabelRule.Any;

    /// <summary>True for the class-index tasks (expr, violence), which also get per-frame targets.</summary>
    public bool IsClassification => Task is FeatureCacheTask.Expr or FeatureCacheTask.Violence;

    /// <summary>Throws <see cref="ArgumentException"/> with a message naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Task is not (FeatureCacheTask.Va or FeatureCacheTask.Expr or FeatureCacheTask.Violence))
            throw new ArgumentException($"Window task '{Task}' must be va, expr or violence.");
        if (Window <= TimeSpan.Zero || Hop <= TimeSpan.Zero)
            throw new ArgumentException($"Window ({Window}) and hop ({Hop}) must be positive.");
    }
}
