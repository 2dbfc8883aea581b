using MultimodalFusion.Core.Buffers;

namespace MultimodalFusion.Capture.Video;

/// <summary>Settings of a <see cref="VideoFileSource"/>.</summary>
public sealed record VideoFileSourceOptions
{
    /// <summary>Stream id stamped on every frame.</summary>
    public string Id { get; init; } = "video";

    /// <summary>
    /// Clock time (microseconds on the source's <see cref="Core.Time.IClock"/>) of PTS 0. Sources that
    /// read files of one recording share one origin so that their packets share a timeline; null
    /// takes the clock's time when the first run starts.
    /// </summary>
    public long? OriginMicros { get; init; }

    /// <summary>True: each frame is released when the clock reaches its time (real-time playback); false: as fast as decoding allows.</summary>
    public bool Realtime { get; init; }

    /// <summary>Keep at most this many frames per second, chosen by PTS; null keeps every frame.</summary>
    public double? TargetFps { get; init; }

    /// <summary>Where frame pixels are rented; null uses <see cref="BufferPool{T}.Shared"/>.</summary>
    public BufferPool<byte>? Pool { get; init; }
}
