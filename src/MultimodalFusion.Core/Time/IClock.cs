namespace MultimodalFusion.Core.Time;

/// <summary>The one clock of the data path: monotonic int64 microseconds.</summary>
/// <remarks>
/// Every timestamp in a packet, window or metric is a value of this clock (or of a clock that a
/// test controls). The origin is arbitrary; only differences mean anything. Implementations are
/// thread-safe.
/// </remarks>
public interface IClock
{
    /// <summary>Microseconds since an arbitrary, fixed origin; never decreases.</summary>
    long NowMicros { get; }
}
