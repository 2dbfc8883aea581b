using System.Threading.Channels;

namespace MultimodalFusion.Dashboard;

/// <summary>One subscriber's view of feed changes (e.g. one SSE connection); dispose it to unsubscribe.</summary>
/// <remarks>
/// Each subscription has its own bounded channel with <see cref="BoundedChannelFullMode.DropOldest"/>: a slow
/// browser loses old changes (and re-reads the snapshot on reconnect) but never slows the publishers.
/// </remarks>
public sealed class DashboardSubscription : IDisposable
{
    private readonly Channel<DashboardChange> _channel;
    private readonly Action<DashboardSubscription> _unsubscribe;
    private long _dropped;
    private int _disposed;

    internal DashboardSubscription(int capacity, Action<DashboardSubscription> unsubscribe)
    {
        _channel = Channel.CreateBounded<DashboardChange>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _unsubscribe = unsubscribe;
    }

    /// <summary>The changes, in publish order; completes when the subscription is disposed.</summary>
    public ChannelReader<DashboardChange> Changes => _channel.Reader;

    /// <summary>Changes dropped because this subscriber fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Offer(DashboardChange change) => _channel.Writer.TryWrite(change);

    /// <summary>Stops delivery and completes <see cref="Changes"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
