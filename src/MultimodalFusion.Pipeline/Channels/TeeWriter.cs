using System.Threading.Channels;

namespace MultimodalFusion.Pipeline.Channels;

/// <summary>A writer that passes every item to a primary channel and offers a shared copy to a secondary one (a tap).</summary>
/// <remarks>
/// <para>Used where one stream feeds two consumers, e.g. microphone audio that goes to the aligner and to
/// speech recognition. The primary is written as the caller writes (waiting when it waits); the secondary
/// never slows the primary: the copy is offered with <c>TryWrite</c> and released when refused.</para>
/// <para>Ownership: <c>share</c> takes a second reference (e.g. <c>chunk =&gt; chunk.Retain()</c>) before
/// the item is written, because once written the primary's reader may release it at any time. The copy
/// belongs to the secondary channel (or is disposed here when the primary or secondary refuses it).
/// Completing the tee completes both channels.</para>
/// </remarks>
public sealed class TeeWriter<T>(ChannelWriter<T> primary, ChannelWriter<T> secondary, Func<T, T> share) : ChannelWriter<T>
{
    /// <inheritdoc />
    public override bool TryWrite(T item)
    {
        T copy = share(item);
        if (!primary.TryWrite(item))
        {
            Release(copy);
            return false;
        }
        Offer(copy);
        return true;
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        T copy = share(item);
        try
        {
            await primary.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(copy);
            throw;
        }
        Offer(copy);
    }

    /// <inheritdoc />
    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
        primary.WaitToWriteAsync(cancellationToken);

    /// <inheritdoc />
    public override bool TryComplete(Exception? error = null)
    {
        secondary.TryComplete(error);
        return primary.TryComplete(error);
    }

    private void Offer(T copy)
    {
        if (!secondary.TryWrite(copy))
            Release(copy);
    }

    private static void Release(T item) => (item as IDisposable)?.Dispose();
}
