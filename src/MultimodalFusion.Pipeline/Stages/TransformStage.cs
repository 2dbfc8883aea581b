using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Stages;

/// <summary>A stage made from a function: one input item becomes at most one output item.</summary>
/// <remarks>
/// The function owns the item it receives: it returns a result (which is written on) or null (nothing
/// is written; the function disposed or kept the item itself). A throw faults the stage.
/// </remarks>
public sealed class TransformStage<TIn, TOut> : PipelineStage<TIn, TOut> where TOut : class
{
    private readonly Func<TIn, CancellationToken, ValueTask<TOut?>> _transform;

    /// <summary>A stage that applies <paramref name="transform"/> to each item of <paramref name="input"/>.</summary>
    public TransformStage(string name, ChannelReader<TIn> input, ChannelWriter<TOut> output, StageMetrics metrics,
        Func<TIn, CancellationToken, ValueTask<TOut?>> transform, ILogger? logger = null)
        : base(name, input, output, metrics, logger)
    {
        ArgumentNullException.ThrowIfNull(transform);
        _transform = transform;
    }

    /// <summary>A stage that applies the synchronous <paramref name="transform"/>.</summary>
    public TransformStage(string name, ChannelReader<TIn> input, ChannelWriter<TOut> output, StageMetrics metrics,
        Func<TIn, TOut?> transform, ILogger? logger = null)
        : this(name, input, output, metrics, (item, _) => ValueTask.FromResult(transform(item)), logger)
    {
    }

    /// <inheritdoc />
    protected override async ValueTask ProcessAsync(TIn item, CancellationToken cancellationToken)
    {
        TOut? result = await _transform(item, cancellationToken).ConfigureAwait(false);
        if (result is not null)
            await WriteAsync(result, cancellationToken).ConfigureAwait(false);
    }
}
