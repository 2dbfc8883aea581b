using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Apps.Clips;

namespace MultimodalFusion.Apps.Configuration;

/// <summary>The violence profile's settings (config section <c>Profiles:Violence</c>); a camera's own values override them.</summary>
/// <remarks>Durations are <see cref="TimeSpan"/> ("00:00:00.5" in JSON) on the pipeline clock; scores are probabilities in [0, 1].</remarks>
public sealed record ViolenceProfileOptions
{
    /// <summary>Length of the model's input window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Step between two windows scored by the model.</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>A frame counts as violent at or above this score.</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Consecutive scored frames at or above the threshold that start an event.</summary>
    public int FramesToStart { get; init; } = 8;

    /// <summary>Time without a frame above the threshold that ends an event.</summary>
    public TimeSpan Cutoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Quiet time after an event before another may start.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Video kept before an event's start in its clip.</summary>
    public TimeSpan ClipBefore { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Video kept after an event's end in its clip.</summary>
    public TimeSpan ClipAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>This profile with <paramref name="camera"/>'s own values laid over it.</summary>
    public ViolenceProfileOptions MergedWith(CameraOptions camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return this with
        {
            Window = camera.Window ?? Window,
            Hop = camera.Hop ?? Hop,
            Threshold = camera.Threshold ?? Threshold,
            FramesToStart = camera.FramesToStart ?? FramesToStart,
            Cutoff = camera.Cutoff ?? Cutoff,
            Cooldown = camera.Cooldown ?? Cooldown,
            ClipBefore = camera.ClipBefore ?? ClipBefore,
            ClipAfter = camera.ClipAfter ?? ClipAfter,
        };
    }

    /// <summary>The alert rule's settings for these values (kind "violence", clips under clips/{camera}/{id}).</summary>
    public AlertRuleOptions ToAlertRuleOptions() => new()
    {
        Kind = "violence",
        Threshold = Threshold,
        FramesToStart = FramesToStart,
        Cutoff = Cutoff,
        Cooldown = Cooldown,
    };

    /// <summary>The clip recorder's settings for these values at <paramref name="fps"/>.</summary>
    public EventClipRecorderOptions ToClipOptions(double fps) => new()
    {
        ClipBefore = ClipBefore,
        ClipAfter = ClipAfter,
        // The rule reports a start FramesToStart scored frames late, one hop apart at most.
        StartLatency = Hop * (FramesToStart + 1) + Window,
        Fps = fps,
    };

    /// <summary>Adds every problem to <paramref name="errors"/>, each prefixed with <paramref name="key"/> (e.g. "Profiles:Violence").</summary>
    internal void AddErrors(List<string> errors, string key)
    {
        if (Window <= TimeSpan.Zero)
            errors.Add($"{key}.Window: must be positive (was {Window}).");
        if (Hop <= TimeSpan.Zero || Hop > Window)
            errors.Add($"{key}.Hop: must be positive and at most Window {Window} (was {Hop}).");
        if (!double.IsFinite(Threshold) || Threshold < 0 || Threshold > 1)
            errors.Add($"{key}.Threshold: must be in [0, 1] (was {Threshold}).");
        if (FramesToStart < 1)
            errors.Add($"{key}.FramesToStart: must be at least 1 (was {FramesToStart}).");
        if (Cutoff <= TimeSpan.Zero)
            errors.Add($"{key}.Cutoff: must be positive (was {Cutoff}).");
        if (Cooldown < TimeSpan.Zero)
            errors.Add($"{key}.Cooldown: must not be negative (was {Cooldown}).");
        if (ClipBefore < TimeSpan.Zero)
            errors.Add($"{key}.ClipBefore: must not be negative (was {ClipBefore}).");
        if (ClipAfter < TimeSpan.Zero)
            errors.Add($"{key}.ClipAfter: must not be negative (was {ClipAfter}).");
    }
}
