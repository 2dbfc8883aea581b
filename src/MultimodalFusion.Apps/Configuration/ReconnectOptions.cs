using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Apps.Configuration;

/// <summary>How a live camera whose stream ends, drops or stalls is reconnected (config section <c>Reconnect</c>); files are never restarted.</summary>
/// <remarks>
/// The n-th reconnect in a row waits about <c>InitialDelay * 2^(n-1)</c>, at most <see cref="MaxDelay"/>, with jitter
/// (so cameras behind one failed switch do not all reconnect at once); a stream that ran 10 s before failing starts
/// over at <see cref="InitialDelay"/>. <see cref="MaxRestarts"/> null: reconnect for ever, the usual choice for a
/// camera that may be switched off for a while. Immutable.
/// </remarks>
public sealed record ReconnectOptions
{
    /// <summary>The config section these options are bound from.</summary>
    public const string Section = "Reconnect";

    /// <summary>Delay before the first reconnect of a failure streak (default 0.5 s).</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between reconnects (default 10 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most reconnects per camera over the run; null (default): unlimited. After the last one the camera fails.</summary>
    public int? MaxRestarts { get; init; }

    /// <summary>The supervisor's policy for these settings (valid options only).</summary>
    public RestartPolicy ToRestartPolicy() => RestartPolicy.Default with { InitialDelay = InitialDelay, MaxDelay = MaxDelay, MaxRestarts = MaxRestarts };

    /// <summary>Adds every problem to <paramref name="errors"/>, each naming its key under <see cref="Section"/>.</summary>
    public void AddErrors(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (InitialDelay <= TimeSpan.Zero)
            errors.Add($"{Section}:InitialDelay: must be positive (was {InitialDelay}).");
        if (MaxDelay < InitialDelay)
            errors.Add($"{Section}:MaxDelay: must not be shorter than InitialDelay {InitialDelay} (was {MaxDelay}).");
        if (MaxRestarts is < 0)
            errors.Add($"{Section}:MaxRestarts: must be at least 0, or absent for unlimited (was {MaxRestarts}).");
    }
}
