using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Alerts.Rules;

/// <summary>The mutable per-camera state of an <see cref="AlertRule"/>; all times are pipeline-clock microseconds.</summary>
/// <remarks>Owned by the rule and touched only under its lock.</remarks>
internal sealed class CameraRuleState(AlertRuleOptions options)
{
    // This camera's settings (the rule's defaults or its override) and their durations in microseconds.
    public readonly AlertRuleOptions Options = options;
    public readonly long Cutoff = Micros.From(options.Cutoff);
    public readonly long Cooldown = Micros.From(options.Cooldown);
    public readonly long UpdateInterval = Micros.From(options.UpdateInterval);

    public long LastTimestamp = long.MinValue;

    // The current run of consecutive frames above the threshold (idle state only).
    public int RunLength;
    public long RunStart;
    public double RunPeak;
    public IReadOnlyDictionary<string, double> RunPeakContributions = AlertRule.NoContributions;

    public string? EventId;
    public long Start;
    public long LastAbove;
    public double Peak;
    public IReadOnlyDictionary<string, double> PeakContributions = AlertRule.NoContributions;
    public bool PeakUnsent;
    public long LastUpdate;
    public int UpdateSeq;

    public long CooldownUntil = long.MinValue;

    // Checkpointing: what the store last saw of an open event (LastAbove moves on every frame above).
    public long SavedLastAbove = long.MinValue;
    public long SavedAt = long.MinValue;

    public bool IsOpen => EventId is not null;

    public void ResetRun()
    {
        RunLength = 0;
        RunPeak = 0;
        RunPeakContributions = AlertRule.NoContributions;
    }
}
