namespace MultimodalFusion.Alerts.Delivery;

/// <summary>Retry and polling settings of an <see cref="OutboxDispatcher"/>.</summary>
public sealed record OutboxDispatcherOptions
{
    /// <summary>First retry delay; it doubles per attempt (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two attempts at one row.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time limit of one delivery attempt (connect + send + ack).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle dispatcher looks at the outbox without being signalled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows read from the store per query.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when a value is out of range.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (RetryBaseDelay <= TimeSpan.Zero)
            errors.Add($"OutboxDispatcherOptions.RetryBaseDelay must be positive (was {RetryBaseDelay}).");
        if (RetryMaxDelay < RetryBaseDelay)
            errors.Add($"OutboxDispatcherOptions.RetryMaxDelay must be at least RetryBaseDelay (was {RetryMaxDelay}).");
        if (AttemptTimeout <= TimeSpan.Zero)
            errors.Add($"OutboxDispatcherOptions.AttemptTimeout must be positive (was {AttemptTimeout}).");
        if (PollInterval <= TimeSpan.Zero)
            errors.Add($"OutboxDispatcherOptions.PollInterval must be positive (was {PollInterval}).");
        if (BatchSize < 1)
            errors.Add($"OutboxDispatcherOptions.BatchSize must be at least 1 (was {BatchSize}).");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors));
    }
}
