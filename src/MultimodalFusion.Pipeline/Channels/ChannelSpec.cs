using System.Threading.Channels;

namespace MultimodalFusion.Pipeline.Channels;

/// <summary>What a pipeline channel is: its name (for metrics and logs), its capacity and what happens when it is full.</summary>
/// <remarks>
/// <see cref="FullMode"/> has no default on purpose: every channel states whether it waits
/// (files, benchmarks, alerts: nothing is lost) or drops (live capture: latency stays bounded).
/// </remarks>
/// <param name="Name">Name used for the channel's drop counter in the metrics registry and in logs.</param>
/// <param name="Capacity">Most items buffered; at least 1.</param>
/// <param name="FullMode">What a write does when the channel is full.</param>
public sealed record ChannelSpec(string Name, int Capacity, BoundedChannelFullMode FullMode)
{
    /// <summary>True when exactly one task reads (lets the channel use a faster path).</summary>
    public bool SingleReader { get; init; }

    /// <summary>True when exactly one task writes.</summary>
    public bool SingleWriter { get; init; }

    /// <summary>True when this mode can discard items (every mode but <see cref="BoundedChannelFullMode.Wait"/>).</summary>
    public bool CanDrop => FullMode != BoundedChannelFullMode.Wait;

    /// <summary>Throws with a message naming the channel when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("A channel needs a name (it labels its metrics).", nameof(Name));
        if (Capacity < 1)
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, $"Channel '{Name}': capacity must be at least 1.");
        if (!Enum.IsDefined(FullMode))
            throw new ArgumentOutOfRangeException(nameof(FullMode), FullMode, $"Channel '{Name}': unknown full mode.");
    }

    /// <summary>A live-capture channel: small, drops the oldest item so the newest frame always gets through.</summary>
    public static ChannelSpec Live(string name, int capacity = 4) =>
        new(name, capacity, BoundedChannelFullMode.DropOldest) { SingleWriter = true, SingleReader = true };

    /// <summary>A lossless channel: writers wait for room (files, benchmarks, alerts).</summary>
    public static ChannelSpec Lossless(string name, int capacity = 64) =>
        new(name, capacity, BoundedChannelFullMode.Wait);
}
