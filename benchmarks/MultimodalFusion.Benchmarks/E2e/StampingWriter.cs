using System.Collections.Concurrent;
using System.Threading.Channels;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Fusion;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// Passes predictions on to <paramref name="inner"/> and notes when each was written, so the harness can split the
/// fusion stage's time after extraction into the model run (+ output copy) and the hand-off to the reader.
/// </summary>
/// <remarks>The written item belongs to the inner channel, as with any writer. Thread-safe.</remarks>
public sealed class StampingWriter(ChannelWriter<FusionPrediction> inner, IClock clock) : ChannelWriter<FusionPrediction>
{
    private readonly ConcurrentDictionary<long, long> _written = new();

    /// <summary>Removes and returns when the prediction of window <paramref name="index"/> was written; null when it was not.</summary>
    public long? Take(long index) => _written.TryRemove(index, out long micros) ? micros : null;

    /// <inheritdoc />
    public override bool TryWrite(FusionPrediction item)
    {
        long now = clock.NowMicros;
        if (!inner.TryWrite(item))
            return false;
        _written[item.WindowIndex] = now;
        return true;
    }

    /// <inheritdoc />
    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => inner.WaitToWriteAsync(cancellationToken);

    /// <inheritdoc />
    public override bool TryComplete(Exception? error = null) => inner.TryComplete(error);
}
