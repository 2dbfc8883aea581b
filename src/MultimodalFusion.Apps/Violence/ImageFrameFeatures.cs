using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;

namespace MultimodalFusion.Apps.Violence;

/// <summary>An image extractor (manifest role "image") run on the whole frame, no face crop: the features the violence fusion model was trained on.</summary>
/// <remarks>
/// This is how <c>mmf features</c> computes the violence task's video rows, so the runtime feeds the fusion model the
/// same features as training did. Owns <paramref name="extractor"/> (its pinned input/output buffers and IOBinding),
/// not the session under it. Not thread-safe: one per camera loop.
/// </remarks>
public sealed class ImageFrameFeatures(ImageExtractor extractor, string modelName) : IFrameFeatures, IDisposable
{
    private readonly ImageExtractor _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));

    /// <inheritdoc />
    public int FeatureSize => _extractor.FeatureLength;

    /// <inheritdoc />
    public string Description { get; } = $"image extractor {modelName} on the whole frame";

    /// <inheritdoc />
    public void Write(VideoFrame frame, Span<float> destination)
    {
        // The extractor's output span is its own pinned buffer, valid until its next call: copy it out now.
        ReadOnlySpan<float> features = _extractor.Extract(frame);
        if (destination.Length < features.Length)
            throw new ArgumentException($"{Description} gives {features.Length} floats; the destination has {destination.Length}.", nameof(destination));
        features.CopyTo(destination);
    }

    /// <inheritdoc />
    public void Dispose() => _extractor.Dispose();
}
