using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Inference.Stages;

/// <summary>The identity and time span of one audio window cut by <see cref="AudioFeatureStage"/> (the source of its FeaturePacket).</summary>
/// <param name="StreamId">The audio stream.</param>
/// <param name="Sequence">Window number in that stream, from 0.</param>
/// <param name="StartMicros">Time of the window's first sample on the data-path clock.</param>
/// <param name="EndMicros">Time just past its last sample.</param>
public sealed record AudioWindowTiming(string StreamId, long Sequence, long StartMicros, long EndMicros) : ITimedPacket
{
    /// <inheritdoc />
    public Modality Modality => Modality.Audio;
}
