using MultimodalFusion.Core.Buffers;

namespace MultimodalFusion.Core.Packets;

/// <summary>One decoded video frame: packed pixels in a pooled buffer plus where it sits in time.</summary>
/// <remarks>
/// Immutable apart from its reference count. The frame owns one reference to <see cref="Pixels"/>;
/// whoever holds the frame disposes it exactly once, which releases that reference. A second holder
/// (a window, a fan-out) calls <see cref="Retain"/> first and disposes its own copy. Spans over the
/// pixels are valid only while the holder's reference is alive.
/// </remarks>
public sealed class VideoFrame : ITimedPacket, IDisposable
{
    /// <summary>Wraps <paramref name="pixels"/>, taking over the caller's reference to it.</summary>
    public VideoFrame(PooledBuffer<byte> pixels, int width, int height, PixelFormat format,
        string streamId, long sequence, long captureMicros, long? ptsMicros)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int needed = format.FrameBytes(width, height);
        if (pixels.Length < needed)
            throw new ArgumentException($"A {width}x{height} {format} frame needs {needed} bytes; the buffer has {pixels.Length}.", nameof(pixels));
        Pixels = pixels;
        Width = width;
        Height = height;
        Format = format;
        StreamId = streamId;
        Sequence = sequence;
        CaptureMicros = captureMicros;
        PtsMicros = ptsMicros;
    }

    /// <summary>Packed pixels, row after row; valid while this frame is not disposed.</summary>
    public PooledBuffer<byte> Pixels { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Pixel layout.</summary>
    public PixelFormat Format { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * Format.BytesPerPixel();

    /// <inheritdoc />
    public Modality Modality => Modality.Video;

    /// <inheritdoc />
    public string StreamId { get; }

    /// <inheritdoc />
    public long Sequence { get; }

    /// <summary>When the frame was captured, on the data-path clock (for files: PTS mapped onto the clock).</summary>
    public long CaptureMicros { get; }

    /// <summary>Presentation time from the container, in microseconds from the stream start; null for live devices.</summary>
    public long? PtsMicros { get; }

    /// <inheritdoc />
    public long StartMicros => CaptureMicros;

    /// <inheritdoc />
    public long EndMicros => CaptureMicros;

    /// <summary>The pixels as a read-only span (packed, <see cref="Stride"/> bytes per row).</summary>
    public ReadOnlySpan<byte> Span => Pixels.Span[..Format.FrameBytes(Width, Height)];

    /// <summary>Takes another reference for a second holder, who must dispose the returned frame.</summary>
    public VideoFrame Retain()
    {
        Pixels.Retain();
        return this;
    }

    /// <summary>Releases this holder's reference to the pixels.</summary>
    public void Dispose() => Pixels.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{StreamId}#{Sequence} {Width}x{Height} {Format} t={CaptureMicros}us pts={PtsMicros?.ToString() ?? "-"}";
}
