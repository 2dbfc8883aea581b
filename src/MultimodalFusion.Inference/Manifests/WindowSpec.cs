namespace MultimodalFusion.Inference.Manifests;

/// <summary>The window a temporal or fusion model was trained on.</summary>
public sealed record WindowSpec
{
    /// <summary>Window length ("00:00:02" in JSON).</summary>
    public TimeSpan Length { get; init; }

    /// <summary>Hop between window starts.</summary>
    public TimeSpan Hop { get; init; }

    /// <summary>Video frames per second sampled into the window.</summary>
    public double? VideoFps { get; init; }

    /// <summary>Audio feature frames per second.</summary>
    public double? AudioFps { get; init; }
}
