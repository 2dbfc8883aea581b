using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Text;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Inference.Stages;

/// <summary>Per final transcript segment: the MiniLM sentence embedding (384-d, unit length) on the segment's time span.</summary>
/// <remarks>Partial ASR hypotheses (<see cref="TranscriptSegment.IsFinal"/> false) and blank text are skipped. The encoder is not owned.</remarks>
public sealed class TextFeatureStage : PipelineStage<TranscriptSegment, FeaturePacket>
{
    private readonly MiniLmTextEncoder _encoder;
    private readonly BufferPool<float> _pool;

    /// <summary>A stage named <paramref name="name"/> embedding each segment with <paramref name="encoder"/>.</summary>
    public TextFeatureStage(string name, ChannelReader<TranscriptSegment> input, ChannelWriter<FeaturePacket> output, StageMetrics metrics,
        MiniLmTextEncoder encoder, BufferPool<float>? pool = null, ILogger? logger = null)
        : base(name, input, output, metrics, logger)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _pool = pool ?? BufferPool<float>.Shared;
    }

    /// <inheritdoc />
    protected override async ValueTask ProcessAsync(TranscriptSegment item, CancellationToken cancellationToken)
    {
        if (!item.IsFinal || string.IsNullOrWhiteSpace(item.Text))
            return;
        var buffer = _pool.Rent(MiniLmTextEncoder.Dimensions);
        try
        {
            _encoder.Encode(item.Text, buffer.Span);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        await WriteAsync(new FeaturePacket(buffer, MiniLmTextEncoder.Dimensions, item), cancellationToken).ConfigureAwait(false);
    }
}
