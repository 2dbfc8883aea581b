using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Inference.Stages;

/// <summary>Per video frame: optional face crop, then the image extractor; writes one <see cref="FeaturePacket"/> per frame (or per face found).</summary>
/// <remarks>
/// Disposes every frame it reads. With a face cropper, frames without a face produce nothing (the window's presence
/// mask shows the gap). The extractor and cropper are not owned and must not be shared with another running stage.
/// </remarks>
public sealed class ImageFeatureStage : PipelineStage<VideoFrame, FeaturePacket>
{
    private readonly ImageExtractor _extractor;
    private readonly FaceCropper? _faces;
    private readonly BufferPool<float> _pool;
    private long _framesWithoutFace;

    /// <summary>A stage named <paramref name="name"/> running <paramref name="extractor"/> on each frame (on the largest face when <paramref name="faces"/> is given).</summary>
    public ImageFeatureStage(string name, ChannelReader<VideoFrame> input, ChannelWriter<FeaturePacket> output, StageMetrics metrics,
        ImageExtractor extractor, FaceCropper? faces = null, BufferPool<float>? pool = null, ILogger? logger = null)
        : base(name, input, output, metrics, logger)
    {
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _faces = faces;
        _pool = pool ?? BufferPool<float>.Shared;
    }

    /// <summary>Frames dropped because the cropper found no face.</summary>
    public long FramesWithoutFace => Interlocked.Read(ref _framesWithoutFace);

    /// <inheritdoc />
    protected override async ValueTask ProcessAsync(VideoFrame item, CancellationToken cancellationToken)
    {
        FeaturePacket packet;
        using (item)
        {
            ReadOnlySpan<float> features;
            if (_faces is null)
            {
                features = _extractor.Extract(item);
            }
            else if (_faces.Crop(item) is { } crop)
            {
                features = _extractor.Extract(item, crop);
            }
            else
            {
                Interlocked.Increment(ref _framesWithoutFace);
                return;
            }
            var buffer = _pool.Rent(features.Length);
            features.CopyTo(buffer.Span);
            packet = new FeaturePacket(buffer, features.Length, item);
        }
        await WriteAsync(packet, cancellationToken).ConfigureAwait(false);
    }
}
