namespace MultimodalFusion.Alerts.Rules;

/// <summary>What an <see cref="AlertRule"/> must remember about one camera to resume after a restart.</summary>
/// <remarks>
/// Times are UTC, not pipeline-clock microseconds: a restarted process has a new clock origin. Persisted as JSON by
/// the event store together with each transition (and as a checkpoint while an event is open). Immutable.
/// </remarks>
/// <param name="Camera">The camera id.</param>
/// <param name="Kind">The rule's kind.</param>
/// <param name="OpenEventId">The id of the open event, or null when none is open.</param>
/// <param name="StartUtc">Start of the open event.</param>
/// <param name="LastAboveUtc">Last frame at or above the threshold of the open event.</param>
/// <param name="PeakScore">Peak score of the open event.</param>
/// <param name="PeakContributions">Modality shares of the peak frame.</param>
/// <param name="UpdateSeq">Number of update transitions the open event has had.</param>
/// <param name="CooldownUntilUtc">When the cooldown after the last event ends; null when there is none.</param>
public sealed record AlertRuleState(
    string Camera,
    string Kind,
    string? OpenEventId,
    DateTimeOffset? StartUtc,
    DateTimeOffset? LastAboveUtc,
    double PeakScore,
    IReadOnlyDictionary<string, double> PeakContributions,
    int UpdateSeq,
    DateTimeOffset? CooldownUntilUtc)
{
    /// <summary>True while an event is open for the camera.</summary>
    public bool IsOpen => OpenEventId is not null;
}
