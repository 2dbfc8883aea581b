using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Inference.Extractors;

/// <summary>A feature vector computed from one packet (a frame, a face, a transcript segment), on the packet's time span.</summary>
/// <remarks>
/// Owns one reference to <see cref="Features"/>: whoever holds the packet disposes it exactly once. Spans over the
/// features are valid only while the packet is not disposed.
/// </remarks>
public sealed class FeaturePacket : ITimedPacket, IDisposable
{
    /// <summary>Wraps <paramref name="features"/> (taking over the caller's reference) with the source packet's identity and times.</summary>
    public FeaturePacket(PooledBuffer<float> features, int length, ITimedPacket source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(source);
        if (length > features.Length)
            throw new ArgumentException($"Length {length} exceeds the buffer's {features.Length}.", nameof(length));
        Features = features;
        Length = length;
        Modality = source.Modality;
        StreamId = source.StreamId;
        Sequence = source.Sequence;
        StartMicros = source.StartMicros;
        EndMicros = source.EndMicros;
    }

    /// <summary>The pooled feature buffer; valid until this packet is disposed.</summary>
    public PooledBuffer<float> Features { get; }

    /// <summary>Number of features.</summary>
    public int Length { get; }

    /// <summary>The features.</summary>
    public ReadOnlySpan<float> Span => Features.Span[..Length];

    /// <inheritdoc />
    public Modality Modality { get; }

    /// <inheritdoc />
    public string StreamId { get; }

    /// <inheritdoc />
    public long Sequence { get; }

    /// <inheritdoc />
    public long StartMicros { get; }

    /// <inheritdoc />
    public long EndMicros { get; }

    /// <summary>Releases this holder's reference to the features.</summary>
    public void Dispose() => Features.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{StreamId}#{Sequence} {Modality} features[{Length}] [{StartMicros}, {EndMicros}) us";
}
