using System.Threading.Channels;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Supervision;

/// <summary>The writer a supervised source sees: counts each packet it hands over and closes gaps, but cannot complete the real output.</summary>
/// <remarks>
/// The supervisor owns the output's completion (a source may be run again after a failure), so
/// <see cref="TryComplete"/> is refused. A packet counts once the inner writer accepted it; with a
/// dropping channel an accepted packet may later be dropped, which the channel's own metrics count. A packet the
/// inner writer refuses (a live source's <c>TryWrite</c> on a full waiting channel; the source releases it) counts
/// as dropped here, since no channel saw it.
/// </remarks>
internal sealed class CountingWriter<T>(ChannelWriter<T> inner, StageMetrics metrics, Action onPacket) : ChannelWriter<T>
{
    public override bool TryWrite(T item)
    {
        if (!inner.TryWrite(item))
        {
            metrics.RecordDropped();
            return false;
        }
        Counted();
        return true;
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
        inner.WaitToWriteAsync(cancellationToken);

    public override async ValueTask WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        Counted();
    }

    public override bool TryComplete(Exception? error = null) => false;

    private void Counted()
    {
        metrics.RecordIn();
        onPacket();
    }
}
