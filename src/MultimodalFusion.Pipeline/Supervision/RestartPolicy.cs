namespace MultimodalFusion.Pipeline.Supervision;

/// <summary>How a <see cref="SourceSupervisor{T}"/> restarts a failing source: exponential backoff with jitter.</summary>
/// <remarks>
/// The n-th restart in a row waits about <c>InitialDelay * 2^(n-1)</c>, capped at <see cref="MaxDelay"/>,
/// randomised when <see cref="UseJitter"/> is set (so many cameras that fail together do not reconnect
/// together). A run that lasted at least <see cref="HealthyAfter"/> before failing resets the sequence:
/// the next restart waits <see cref="InitialDelay"/> again.
/// </remarks>
public sealed record RestartPolicy
{
    /// <summary>The defaults: 0.5 s first delay, 10 s at most, jitter on, unlimited restarts, healthy after 10 s.</summary>
    public static RestartPolicy Default { get; } = new();

    /// <summary>Delay before the first restart of a failure streak.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between restarts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Randomise each delay (Polly's decorrelated jitter).</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Most restarts over the supervisor's life; null means unlimited.</summary>
    public int? MaxRestarts { get; init; }

    /// <summary>A run at least this long counts as healthy: its failure restarts the backoff from <see cref="InitialDelay"/>.</summary>
    public TimeSpan HealthyAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws with a message naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (InitialDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), InitialDelay, "RestartPolicy.InitialDelay must be positive.");
        if (MaxDelay < InitialDelay)
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "RestartPolicy.MaxDelay must not be shorter than InitialDelay.");
        if (MaxRestarts is < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxRestarts), MaxRestarts, "RestartPolicy.MaxRestarts must be null (unlimited) or at least 0.");
        if (HealthyAfter < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(HealthyAfter), HealthyAfter, "RestartPolicy.HealthyAfter must not be negative.");
    }
}
