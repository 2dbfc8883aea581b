namespace MultimodalFusion.Core.Packets;

/// <summary>A packet placed on the data-path clock.</summary>
/// <remarks>
/// Times are microseconds of one <see cref="Time.IClock"/>, stamped at the source; the packet
/// covers <c>[StartMicros, EndMicros)</c>; a video frame is an instant (End equals Start). Within one
/// stream, packets arrive in non-decreasing <see cref="StartMicros"/>.
/// </remarks>
public interface ITimedPacket
{
    /// <summary>Which kind of input this is.</summary>
    Modality Modality { get; }

    /// <summary>The stream that produced it (a source id such as "cam1" or "mic").</summary>
    string StreamId { get; }

    /// <summary>Position in its stream, from 0, without gaps at the source.</summary>
    long Sequence { get; }

    /// <summary>Start of the covered interval, on the data-path clock.</summary>
    long StartMicros { get; }

    /// <summary>End of the covered interval (exclusive); equal to <see cref="StartMicros"/> for an instant.</summary>
    long EndMicros { get; }
}
