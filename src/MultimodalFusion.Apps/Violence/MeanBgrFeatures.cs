using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Apps.Violence;

/// <summary>The mean of each colour channel (<see cref="FrameFeatures.MeanBgr(VideoFrame, Span{float}, int)"/>): d = 3.</summary>
/// <remarks>For models whose per-frame input is global image statistics (the tests' brightness models). Stateless, thread-safe.</remarks>
public sealed class MeanBgrFeatures : IFrameFeatures
{
    /// <summary>The one instance.</summary>
    public static readonly MeanBgrFeatures Instance = new();

    private MeanBgrFeatures()
    {
    }

    /// <inheritdoc />
    public int FeatureSize => 3;

    /// <inheritdoc />
    public string Description => "mean BGR of the frame";

    /// <inheritdoc />
    public void Write(VideoFrame frame, Span<float> destination) => FrameFeatures.MeanBgr(frame, destination);
}
