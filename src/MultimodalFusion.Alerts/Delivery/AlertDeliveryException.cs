namespace MultimodalFusion.Alerts.Delivery;

/// <summary>A sink could not deliver an event; <see cref="Permanent"/> says whether retrying can help.</summary>
public sealed class AlertDeliveryException : Exception
{
    /// <summary>A delivery failure of sink <paramref name="sink"/>; the message must not contain credentials.</summary>
    public AlertDeliveryException(string sink, string message, bool permanent, Exception? inner = null)
        : base(message, inner)
    {
        Sink = sink;
        Permanent = permanent;
    }

    /// <summary>The sink that failed.</summary>
    public string Sink { get; }

    /// <summary>True when the receiver rejected the event itself (e.g. HTTP 400): the row is parked, not retried.</summary>
    public bool Permanent { get; }
}
