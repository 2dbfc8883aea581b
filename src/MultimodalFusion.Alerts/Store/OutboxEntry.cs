using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Alerts.Store;

/// <summary>One row of the outbox: an event transition to be delivered to one sink. Immutable snapshot.</summary>
/// <param name="Id">Row id; increases with insertion, which is the delivery order of a sink.</param>
/// <param name="Sink">The sink's name (<see cref="Delivery.IAlertSink.Name"/>).</param>
/// <param name="Status">Delivery state when read.</param>
/// <param name="Attempts">Failed delivery attempts so far.</param>
/// <param name="NextAttemptUtc">Earliest time of the next attempt (informational after a restart: pending rows are retried at once).</param>
/// <param name="LastError">The last failure's message (credentials redacted), or null.</param>
/// <param name="Event">The event transition.</param>
/// <param name="Json">The event's JSON exactly as stored, which is what the sink sends.</param>
public sealed record OutboxEntry(
    long Id,
    string Sink,
    OutboxStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptUtc,
    string? LastError,
    AlertEvent Event,
    string Json);
