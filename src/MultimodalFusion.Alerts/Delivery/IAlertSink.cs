using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Alerts.Delivery;

/// <summary>Where alert events go (webhook, MQTT, file, console). Driven by one <see cref="OutboxDispatcher"/>.</summary>
/// <remarks>
/// <see cref="DeliverAsync"/> completes only once the receiver acknowledged the event (HTTP 2xx, MQTT PUBACK,
/// fsync); the dispatcher marks the outbox row delivered only then. It throws <see cref="AlertDeliveryException"/>
/// with Permanent = true for a rejection that retrying cannot fix; any other exception is retried. The dispatcher
/// calls it from one loop at a time, so implementations need not be re-entrant. A redelivery of the same
/// idempotency key can happen (crash between ack and bookkeeping): receivers drop duplicates by key.
/// </remarks>
public interface IAlertSink : IAsyncDisposable
{
    /// <summary>The sink's name, unique per store: its outbox rows are keyed by it.</summary>
    string Name { get; }

    /// <summary>Sends <paramref name="evt"/>, whose serialised form is <paramref name="json"/>, and waits for the ack.</summary>
    Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken);
}
