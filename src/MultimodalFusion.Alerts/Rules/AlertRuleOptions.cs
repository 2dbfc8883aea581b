namespace MultimodalFusion.Alerts.Rules;

/// <summary>Settings of one <see cref="AlertRule"/> (bound from the profile's config section, e.g. Profiles:Violence).</summary>
/// <remarks>Scores are probabilities in [0, 1]. Durations are <see cref="TimeSpan"/> on the pipeline clock.</remarks>
public sealed record AlertRuleOptions
{
    /// <summary>What the rule detects; the events' "kind" (e.g. "violence").</summary>
    public string Kind { get; init; } = "violence";

    /// <summary>A frame counts as "above" when its score is at or above this value.</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Consecutive frames above the threshold that start an event.</summary>
    public int FramesToStart { get; init; } = 8;

    /// <summary>Time since the last frame above the threshold (frames below, or no frames) that ends an event.</summary>
    public TimeSpan Cutoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After an event ends, frames during this time neither start nor count toward a new event.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Least time between two "update" transitions of one event (each carries a new peak).</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Relative clip path with {camera} and {id} placeholders, e.g. "clips/{camera}/{id}.mp4"; null: no clip.</summary>
    public string? ClipPathTemplate { get; init; } = "clips/{camera}/{id}.mp4";

    /// <summary>Relative snapshot path with {camera} and {id} placeholders; null: no snapshot.</summary>
    public string? SnapshotPathTemplate { get; init; } = "clips/{camera}/{id}.jpg";

    /// <summary>Every problem with these options, each naming the option; empty when valid.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Kind))
            errors.Add("AlertRuleOptions.Kind must not be empty.");
        if (!double.IsFinite(Threshold) || Threshold < 0 || Threshold > 1)
            errors.Add($"AlertRuleOptions.Threshold must be in [0, 1] (was {Threshold}).");
        if (FramesToStart < 1)
            errors.Add($"AlertRuleOptions.FramesToStart must be at least 1 (was {FramesToStart}).");
        if (Cutoff <= TimeSpan.Zero)
            errors.Add($"AlertRuleOptions.Cutoff must be positive (was {Cutoff}).");
        if (Cooldown < TimeSpan.Zero)
            errors.Add($"AlertRuleOptions.Cooldown must not be negative (was {Cooldown}).");
        if (UpdateInterval <= TimeSpan.Zero)
            errors.Add($"AlertRuleOptions.UpdateInterval must be positive (was {UpdateInterval}).");
        CheckTemplate(errors, nameof(ClipPathTemplate), ClipPathTemplate);
        CheckTemplate(errors, nameof(SnapshotPathTemplate), SnapshotPathTemplate);
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors));
    }

    /// <summary>The template with {camera} and {id} filled in, or null when the template is null.</summary>
    internal static string? Expand(string? template, string camera, string id) =>
        template?.Replace("{camera}", camera, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal);

    private static void CheckTemplate(List<string> errors, string name, string? template)
    {
        if (template is not null && !template.Contains("{id}", StringComparison.Ordinal))
            errors.Add($"AlertRuleOptions.{name} must contain '{{id}}' so that events do not share a file (was '{template}').");
    }
}
