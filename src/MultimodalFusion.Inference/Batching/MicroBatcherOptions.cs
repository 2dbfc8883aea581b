namespace MultimodalFusion.Inference.Batching;

/// <summary>How <see cref="MicroBatcher"/> groups requests from several streams into one model run.</summary>
public sealed record MicroBatcherOptions
{
    /// <summary>Most samples in one run.</summary>
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>Longest a request waits, from when it is queued, for others to join its batch.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Throws with the key name when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be >= 1.");
        if (MaxWait < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MaxWait), MaxWait, "MaxWait must be >= 0.");
    }
}
