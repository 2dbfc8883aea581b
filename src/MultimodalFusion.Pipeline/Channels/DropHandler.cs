using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Channels;

/// <summary>The item-dropped callback of one channel: counts the drop and releases the item.</summary>
/// <remarks>
/// Runs on the writer's thread, inside the channel's lock: it must stay short and must not touch the
/// channel. Disposing a pooled packet only decrements a reference count, so that is safe here.
/// </remarks>
internal sealed class DropHandler<T>(StageMetrics metrics)
{
    public void OnDropped(T item)
    {
        metrics.RecordDropped();
        (item as IDisposable)?.Dispose();
    }
}
