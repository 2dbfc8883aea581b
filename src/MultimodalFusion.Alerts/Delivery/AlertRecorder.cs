using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Alerts.Delivery;

/// <summary>Runs an <see cref="AlertRule"/> against a <see cref="SqliteEventStore"/>: every transition is stored with its outbox rows and the rule's state.</summary>
/// <remarks>
/// <para>On construction the rule is restored from the store's saved state of its kind, so a restarted process
/// continues an open event (same id, no second "start") or closes it. While an event is open the rule state is
/// checkpointed at most once per UpdateInterval (frame time), so a resumed event knows its last frame above the
/// threshold to within that interval.</para>
/// <para>Not thread-safe beyond what the rule and store give: call <see cref="Observe"/> from the one alert stage.
/// Owns neither the rule nor the store.</para>
/// </remarks>
public sealed class AlertRecorder
{
    private readonly AlertRule _rule;
    private readonly SqliteEventStore _store;
    private readonly ILogger _logger;

    /// <summary>Binds <paramref name="rule"/> (which must not have seen frames yet) to <paramref name="store"/> and restores its state.</summary>
    public AlertRecorder(AlertRule rule, SqliteEventStore store, ILogger<AlertRecorder>? logger = null)
    {
        _rule = rule ?? throw new ArgumentNullException(nameof(rule));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        foreach (var state in store.LoadRuleStates(rule.Options.Kind))
            rule.Restore(state);
    }

    /// <summary>The rule it drives.</summary>
    public AlertRule Rule => _rule;

    /// <summary>
    /// Feeds one frame's score to the rule; a transition is durably stored (with one outbox row per sink) before it
    /// is returned. Returns the transition, or null.
    /// </summary>
    public AlertEvent? Observe(string camera, long timestampMicros, double score, IReadOnlyDictionary<Modality, double>? contributions = null)
    {
        var evt = _rule.Observe(camera, timestampMicros, score, contributions);
        if (evt is not null)
        {
            _store.Append(evt, _rule.Checkpoint(camera));
            _logger.LogDebug("Stored alert transition {Key}", evt.IdempotencyKey);
        }
        else if (_rule.IsCheckpointDue(camera))
        {
            _store.SaveRuleState(_rule.Checkpoint(camera));
        }
        return evt;
    }
}
