using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Alerts.Rules;

/// <summary>Turns per-frame scores of many cameras into alert lifecycle transitions (start, update, end) with hysteresis.</summary>
/// <remarks>
/// <para>Per camera: an event starts at the FramesToStart-th consecutive frame with score &gt;= Threshold; its start
/// time is the first frame of that run. While open, a higher score is a new peak, sent as an update at most once per
/// UpdateInterval (a peak held back is sent by a later frame once the interval has passed). The event ends at the
/// first frame at least Cutoff after the last frame above the threshold (frames below and missing frames count
/// alike); its end time is that last frame above. The ending frame and every frame before end + Cooldown (measured
/// from the ending frame) neither start nor count toward a new event.</para>
/// <para>Timestamps are pipeline-clock microseconds; a timestamp not after the camera's previous one is dropped and
/// counted. UTC times in events come from the <see cref="ClockUtcMapping"/>. Thread-safe (one lock).</para>
/// </remarks>
public sealed class AlertRule
{
    internal static readonly IReadOnlyDictionary<string, double> NoContributions = new Dictionary<string, double>();

    private readonly Dictionary<string, CameraRuleState> _cameras = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly ClockUtcMapping _mapping;
    private readonly ILogger _logger;
    private readonly IReadOnlyDictionary<string, AlertRuleOptions> _perCamera;
    private long _droppedRegressions;

    /// <summary>
    /// A rule with validated <paramref name="options"/> for every camera except those in <paramref name="perCamera"/>
    /// (camera id -> its own options, e.g. a higher threshold; same Kind). UTC event times from <paramref name="mapping"/>.
    /// </summary>
    public AlertRule(AlertRuleOptions options, ClockUtcMapping mapping, ILogger<AlertRule>? logger = null,
        IReadOnlyDictionary<string, AlertRuleOptions>? perCamera = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var (camera, cameraOptions) in perCamera ?? new Dictionary<string, AlertRuleOptions>())
        {
            var errors = cameraOptions.GetErrors();
            if (errors.Count > 0)
                throw new ArgumentException($"Camera '{camera}': {string.Join(" ", errors)}");
            if (!string.Equals(cameraOptions.Kind, options.Kind, StringComparison.Ordinal))
                throw new ArgumentException($"Camera '{camera}': AlertRuleOptions.Kind '{cameraOptions.Kind}' differs from the rule's '{options.Kind}'.");
        }
        Options = options;
        _perCamera = perCamera ?? new Dictionary<string, AlertRuleOptions>();
        _mapping = mapping;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The rule's default settings (Kind is the same for every camera).</summary>
    public AlertRuleOptions Options { get; }

    /// <summary>The settings that apply to <paramref name="camera"/>.</summary>
    public AlertRuleOptions OptionsFor(string camera) => _perCamera.TryGetValue(camera, out var o) ? o : Options;

    /// <summary>Frames dropped because their timestamp was not after the camera's previous one.</summary>
    public long DroppedRegressions => Interlocked.Read(ref _droppedRegressions);

    /// <summary>
    /// Feeds one frame's <paramref name="score"/> for <paramref name="camera"/> at <paramref name="timestampMicros"/>
    /// (pipeline clock) and returns the transition it causes, or null. <paramref name="contributions"/>: the share of
    /// each modality in this score (kept for the peak frame; the caller's dictionary is copied).
    /// </summary>
    public AlertEvent? Observe(string camera, long timestampMicros, double score, IReadOnlyDictionary<Modality, double>? contributions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(camera);
        lock (_lock)
        {
            var s = GetOrAdd(camera);
            if (timestampMicros <= s.LastTimestamp)
            {
                Interlocked.Increment(ref _droppedRegressions);
                _logger.LogDebug("Alert rule {Kind}: camera {Camera} timestamp {Timestamp} us is not after {Last} us; frame dropped",
                    Options.Kind, camera, timestampMicros, s.LastTimestamp);
                return null;
            }
            s.LastTimestamp = timestampMicros;
            bool above = score >= s.Options.Threshold;
            return s.IsOpen
                ? ObserveOpen(camera, s, timestampMicros, score, above, contributions)
                : ObserveIdle(camera, s, timestampMicros, score, above, contributions);
        }
    }

    /// <summary>True while an event is open for <paramref name="camera"/>.</summary>
    public bool IsOpen(string camera)
    {
        lock (_lock)
            return _cameras.TryGetValue(camera, out var s) && s.IsOpen;
    }

    /// <summary>
    /// True when an open event's last frame above the threshold moved on since the last checkpoint and the last
    /// checkpoint is at least UpdateInterval old (frame time): then <see cref="Checkpoint"/> is worth persisting.
    /// </summary>
    public bool IsCheckpointDue(string camera)
    {
        lock (_lock)
            return _cameras.TryGetValue(camera, out var s) && s.IsOpen && s.LastAbove != s.SavedLastAbove
                && s.LastTimestamp - s.SavedAt >= s.UpdateInterval;
    }

    /// <summary>The state to persist for <paramref name="camera"/>; marks it as saved (see <see cref="IsCheckpointDue"/>).</summary>
    public AlertRuleState Checkpoint(string camera)
    {
        lock (_lock)
        {
            var s = GetOrAdd(camera);
            s.SavedLastAbove = s.LastAbove;
            s.SavedAt = s.LastTimestamp;
            return new AlertRuleState(camera, Options.Kind, s.EventId,
                s.IsOpen ? _mapping.ToUtc(s.Start) : null,
                s.IsOpen ? _mapping.ToUtc(s.LastAbove) : null,
                s.IsOpen ? s.Peak : 0, s.IsOpen ? s.PeakContributions : NoContributions, s.IsOpen ? s.UpdateSeq : 0,
                s.CooldownUntil == long.MinValue ? null : _mapping.ToUtc(s.CooldownUntil));
        }
    }

    /// <summary>
    /// Restores a camera's state saved by a previous process (<see cref="Checkpoint"/>), before any frame of that
    /// camera: an open event then continues with its id, or ends (at its last frame above) when the first frame comes
    /// Cutoff or more after that frame.
    /// </summary>
    public void Restore(AlertRuleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!string.Equals(state.Kind, Options.Kind, StringComparison.Ordinal))
            throw new ArgumentException($"Alert rule state of camera '{state.Camera}' is for kind '{state.Kind}', not '{Options.Kind}'.", nameof(state));
        lock (_lock)
        {
            var s = GetOrAdd(state.Camera);
            if (s.LastTimestamp != long.MinValue)
                throw new InvalidOperationException($"Alert rule: camera '{state.Camera}' already has frames; restore its state before the first frame.");
            s.CooldownUntil = state.CooldownUntilUtc is { } c ? _mapping.ToMicros(c) : long.MinValue;
            if (state.OpenEventId is null)
                return;
            s.EventId = state.OpenEventId;
            s.Start = _mapping.ToMicros(state.StartUtc ?? throw new ArgumentException($"Open alert state of camera '{state.Camera}' has no StartUtc.", nameof(state)));
            s.LastAbove = _mapping.ToMicros(state.LastAboveUtc ?? state.StartUtc.Value);
            s.Peak = state.PeakScore;
            s.PeakContributions = state.PeakContributions;
            s.UpdateSeq = state.UpdateSeq;
            s.LastUpdate = s.LastAbove;
            s.SavedLastAbove = s.LastAbove;
            s.SavedAt = s.LastAbove;
            _logger.LogInformation("Alert rule {Kind}: camera {Camera} resumes open event {EventId}", Options.Kind, state.Camera, s.EventId);
        }
    }

    private AlertEvent? ObserveIdle(string camera, CameraRuleState s, long t, double score, bool above, IReadOnlyDictionary<Modality, double>? contributions)
    {
        if (t < s.CooldownUntil || !above)
        {
            s.ResetRun();
            return null;
        }
        if (s.RunLength == 0)
            s.RunStart = t;
        s.RunLength++;
        if (s.RunLength == 1 || score > s.RunPeak)
        {
            s.RunPeak = score;
            s.RunPeakContributions = Copy(contributions);
        }
        if (s.RunLength < s.Options.FramesToStart)
            return null;

        s.EventId = EventIds.New(_mapping.ToUtc(s.RunStart));
        s.Start = s.RunStart;
        s.LastAbove = t;
        s.Peak = s.RunPeak;
        s.PeakContributions = s.RunPeakContributions;
        s.PeakUnsent = false;
        s.LastUpdate = t;
        s.UpdateSeq = 0;
        s.ResetRun();
        _logger.LogInformation("Alert {Kind} started on camera {Camera}: {EventId}, peak {Peak:F3}", Options.Kind, camera, s.EventId, s.Peak);
        return MakeEvent(camera, s, AlertState.Start, end: null);
    }

    private AlertEvent? ObserveOpen(string camera, CameraRuleState s, long t, double score, bool above, IReadOnlyDictionary<Modality, double>? contributions)
    {
        if (t - s.LastAbove >= s.Cutoff)
        {
            var end = MakeEvent(camera, s, AlertState.End, _mapping.ToUtc(s.LastAbove));
            _logger.LogInformation("Alert {Kind} ended on camera {Camera}: {EventId}, peak {Peak:F3}", Options.Kind, camera, s.EventId, s.Peak);
            s.EventId = null;
            s.CooldownUntil = t + s.Cooldown;
            s.PeakContributions = NoContributions;
            s.ResetRun();
            return end;
        }
        if (above)
        {
            s.LastAbove = t;
            if (score > s.Peak)
            {
                s.Peak = score;
                s.PeakContributions = Copy(contributions);
                s.PeakUnsent = true;
            }
        }
        if (!s.PeakUnsent || t - s.LastUpdate < s.UpdateInterval)
            return null;
        s.PeakUnsent = false;
        s.LastUpdate = t;
        s.UpdateSeq++;
        return MakeEvent(camera, s, AlertState.Update, end: null);
    }

    private AlertEvent MakeEvent(string camera, CameraRuleState s, AlertState state, DateTimeOffset? end)
    {
        string id = s.EventId!;
        // The store persists the rule state with every transition, so the checkpoint is current afterwards.
        s.SavedLastAbove = s.LastAbove;
        s.SavedAt = s.LastTimestamp;
        return new AlertEvent(id, camera, Options.Kind, state, _mapping.ToUtc(s.Start), end, s.Peak, s.PeakContributions,
            AlertRuleOptions.Expand(s.Options.ClipPathTemplate, camera, id), AlertRuleOptions.Expand(s.Options.SnapshotPathTemplate, camera, id),
            AlertEvent.KeyFor(camera, id, state, s.UpdateSeq));
    }

    private CameraRuleState GetOrAdd(string camera)
    {
        if (!_cameras.TryGetValue(camera, out var s))
            _cameras[camera] = s = new CameraRuleState(OptionsFor(camera));
        return s;
    }

    private static IReadOnlyDictionary<string, double> Copy(IReadOnlyDictionary<Modality, double>? contributions)
    {
        if (contributions is null || contributions.Count == 0)
            return NoContributions;
        var copy = new Dictionary<string, double>(contributions.Count, StringComparer.Ordinal);
        foreach (var (modality, share) in contributions)
            copy[modality.ToString().ToLowerInvariant()] = share;
        return copy;
    }
}
