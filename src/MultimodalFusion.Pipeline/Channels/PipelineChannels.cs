using System.Threading.Channels;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Channels;

/// <summary>Creates the bounded channels that join pipeline stages; every drop is counted and released.</summary>
/// <remarks>
/// An item that a full channel discards (<see cref="BoundedChannelFullMode.DropOldest"/>,
/// <see cref="BoundedChannelFullMode.DropNewest"/>, <see cref="BoundedChannelFullMode.DropWrite"/>)
/// is counted in <see cref="StageMetrics.Dropped"/> of the channel's metrics and, when it is
/// <see cref="IDisposable"/>, disposed: the channel owned it, so its pooled buffer goes back to the pool.
/// Items still buffered when a pipeline stops are released with <see cref="DisposeRemaining{T}"/>.
/// </remarks>
public static class PipelineChannels
{
    /// <summary>A bounded channel per <paramref name="spec"/> whose drops are counted in <paramref name="metrics"/>.</summary>
    public static Channel<T> Create<T>(ChannelSpec spec, StageMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(metrics);
        spec.Validate();
        var options = new BoundedChannelOptions(spec.Capacity)
        {
            FullMode = spec.FullMode,
            SingleReader = spec.SingleReader,
            SingleWriter = spec.SingleWriter,
            // Continuations run on the thread pool so a writer never executes the reader's work inline.
            AllowSynchronousContinuations = false,
        };
        var dropHandler = new DropHandler<T>(metrics);
        return Channel.CreateBounded<T>(options, dropHandler.OnDropped);
    }

    /// <summary>A bounded channel whose drop counter is <paramref name="registry"/>'s entry named <see cref="ChannelSpec.Name"/>.</summary>
    public static Channel<T> Create<T>(ChannelSpec spec, MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(registry);
        return Create<T>(spec, registry.GetOrAdd(spec.Name));
    }

    /// <summary>Reads and disposes whatever is still buffered in <paramref name="reader"/>; returns how many items it released.</summary>
    /// <remarks>Call after the writer and reader have stopped, so that shutting down leaks no pooled buffer.</remarks>
    public static int DisposeRemaining<T>(ChannelReader<T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int released = 0;
        while (reader.TryRead(out T? item))
        {
            (item as IDisposable)?.Dispose();
            released++;
        }
        return released;
    }
}
