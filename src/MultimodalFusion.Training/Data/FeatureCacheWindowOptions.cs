using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Training.Data;

/// <summary>How <see cref="FeatureCacheWindows"/> cuts cached videos into training windows.</summary>
public sealed record FeatureCacheWindowOptions
{
    /// <summary>Task whose labels become targets: "va", "expr" or "violence".</summary>
    public required string Task { get; init; }

    /// <summary>Window length W.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Hop H between window starts.</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Streams to use, in model input order (the first is the base stream of per-frame targets); null = every cached modality in cache order.</summary>
    public IReadOnlyList<string>? Modalities { get; init; }

    /// <summary>Window label rule for violence (per-frame targets are kept either way).</summary>
    public ViolenceWindowRule ViolenceRule { get; init; } = ViolenceWindowRule.Any;

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Task is not ("va" or "expr" or "violence"))
            throw new ArgumentException($"FeatureCacheWindowOptions.Task '{Task}' must be va, expr or violence.");
        if (Window <= TimeSpan.Zero || Hop <= TimeSpan.Zero)
            throw new ArgumentException($"FeatureCacheWindowOptions: Window ({Window}) and Hop ({Hop}) must be positive.");
        if (Modalities is { Count: 0 })
            throw new ArgumentException("FeatureCacheWindowOptions.Modalities must name at least one stream (or be null for all).");
    }

    /// <summary>The same settings as the Datasets windowing's options (the streams are resolved separately).</summary>
    public CacheWindowOptions ToCacheWindowOptions() => new()
    {
        Task = Task,
        Window = Window,
        Hop = Hop,
        ViolenceRule = ViolenceRule == ViolenceWindowRule.Majority ? ViolenceLabelRule.Majority : ViolenceLabelRule.Any,
    };
}
