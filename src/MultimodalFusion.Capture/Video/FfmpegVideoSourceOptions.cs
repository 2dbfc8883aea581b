using MultimodalFusion.Core.Buffers;

namespace MultimodalFusion.Capture.Video;

/// <summary>Settings of a <see cref="FfmpegVideoSource"/>.</summary>
public sealed record FfmpegVideoSourceOptions
{
    /// <summary>Stream id stamped on every frame.</summary>
    public string Id { get; init; } = "video";

    /// <summary>Output width in pixels; with <see cref="Height"/>, ffmpeg scales to this size. Null: the input's size (read from ffmpeg's log).</summary>
    public int? Width { get; init; }

    /// <summary>Output height in pixels; see <see cref="Width"/>.</summary>
    public int? Height { get; init; }

    /// <summary>Keep at most this many frames per second, chosen by arrival time; null keeps every frame.</summary>
    public double? TargetFps { get; init; }

    /// <summary>RTSP transport (rtsp:// inputs only).</summary>
    public RtspTransport RtspTransport { get; init; } = RtspTransport.Tcp;

    /// <summary>ffmpeg's own socket timeout for network inputs (its <c>-timeout</c> / <c>-rw_timeout</c>).</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Network inputs: let ffmpeg start decoding after the first packets (<c>-probesize 32 -analyzeduration 0</c>)
    /// instead of analysing about a second of stream. The first frame of a loopback RTSP stream then
    /// arrives in ~0.5 s instead of ~2 s (measured here), which shortens every reconnect; it needs a stream
    /// whose SDP announces its codec parameters (H.264 sprop-parameter-sets), as most RTSP cameras do.
    /// </summary>
    public bool FastProbe { get; init; }

    /// <summary>The watchdog kills ffmpeg when no frame arrives this long after it started (connect, probe, first keyframe).</summary>
    public TimeSpan FirstFrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The watchdog kills ffmpeg when no frame arrives this long after the previous one.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Files only: read at the file's native rate (ffmpeg <c>-re</c>) instead of as fast as possible.</summary>
    public bool Realtime { get; init; }

    /// <summary>The ffmpeg executable: a name on PATH or a full path.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>How many of ffmpeg's last log lines an error message quotes.</summary>
    public int StderrLinesInErrors { get; init; } = 8;

    /// <summary>Where frame pixels are rented; null uses <see cref="BufferPool{T}.Shared"/>.</summary>
    public BufferPool<byte>? Pool { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Width is null != Height is null)
            throw new ArgumentException($"{nameof(Width)} and {nameof(Height)} go together: set both or neither (got {Width?.ToString() ?? "null"} x {Height?.ToString() ?? "null"}).");
        if (Width is <= 0 || Height is <= 0)
            throw new ArgumentException($"{nameof(Width)} and {nameof(Height)} must be positive (got {Width} x {Height}).");
        if (FirstFrameTimeout <= TimeSpan.Zero || StallTimeout <= TimeSpan.Zero || NetworkTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"{nameof(FirstFrameTimeout)}, {nameof(StallTimeout)} and {nameof(NetworkTimeout)} must be positive.");
        if (TargetFps is { } fps && (double.IsNaN(fps) || double.IsInfinity(fps) || fps < 0))
            throw new ArgumentException($"{nameof(TargetFps)} must be a non-negative number of frames per second (got {fps}).");
    }
}
