using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Turns one frame into the violence model's per-frame input row (its base stream), without allocating.</summary>
/// <remarks>
/// Implementations: <see cref="MeanBgrFeatures"/> (global colour statistics, for small test models) and
/// <see cref="ImageFrameFeatures"/> (the models folder's image extractor on the whole frame). One instance per camera
/// loop: implementations need not be thread-safe.
/// </remarks>
public interface IFrameFeatures
{
    /// <summary>Floats per frame (d of the model's [batch, t, d] input).</summary>
    int FeatureSize { get; }

    /// <summary>What computes the features, for logs and errors (e.g. "mean BGR" or the extractor's model name).</summary>
    string Description { get; }

    /// <summary>
    /// Writes the features of <paramref name="frame"/> into <paramref name="destination"/> (exactly
    /// <see cref="FeatureSize"/> floats). The frame is only read during the call.
    /// </summary>
    void Write(VideoFrame frame, Span<float> destination);
}
