namespace MultimodalFusion.Alerts.Store;

/// <summary>Delivery state of one outbox row (one event transition for one sink).</summary>
public enum OutboxStatus
{
    /// <summary>Not yet acknowledged by the sink; the dispatcher keeps trying.</summary>
    Pending = 0,
    /// <summary>The sink acknowledged it (HTTP 2xx, MQTT PUBACK, fsync).</summary>
    Delivered = 1,
    /// <summary>The sink rejected it permanently (e.g. HTTP 400); kept for inspection, never retried.</summary>
    Parked = 2,
}
