using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Apps.Violence;

/// <summary>An <see cref="IFrameFeatures"/> that times every <see cref="Write"/> of the features it wraps (the image extractor's model time).</summary>
/// <remarks>
/// Adds one sample per frame to <see cref="Timer"/>; the features themselves are exactly the inner ones. Does not own
/// <paramref name="inner"/> (whoever created it disposes it). Not thread-safe, like the inner features: one per camera loop.
/// </remarks>
public sealed class TimedFrameFeatures(IFrameFeatures inner, ModelTimer timer) : IFrameFeatures
{
    private readonly IFrameFeatures _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The timer each call records into.</summary>
    public ModelTimer Timer { get; } = timer ?? throw new ArgumentNullException(nameof(timer));

    /// <inheritdoc />
    public int FeatureSize => _inner.FeatureSize;

    /// <inheritdoc />
    public string Description => _inner.Description;

    /// <inheritdoc />
    public void Write(VideoFrame frame, Span<float> destination)
    {
        long started = ModelTimer.Start();
        try
        {
            _inner.Write(frame, destination);
        }
        finally
        {
            Timer.Stop(started);
        }
    }
}
