using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Clips;

/// <summary>One open event clip: an mp4 (mp4v) being written frame by frame, plus its snapshot.</summary>
/// <remarks>
/// Owned and used by the recorder's writer loop only (not thread-safe). Frames passed in stay owned by the
/// caller; their pixels are read during the call and not kept. Frames of another size are scaled to the first
/// frame's size.
/// </remarks>
internal sealed class ClipWriter : IDisposable
{
    private readonly VideoWriter _writer;
    private readonly Size _size;
    private readonly long _maxEndMicros;
    private long _stopAfterMicros = long.MaxValue;

    public ClipWriter(string eventId, string camera, string clipPath, long clipStartMicros, VideoFrame first, EventClipRecorderOptions options)
    {
        EventId = eventId;
        Camera = camera;
        ClipPath = clipPath;
        _size = new Size(first.Width, first.Height);
        _maxEndMicros = clipStartMicros + Micros.From(options.MaxClipLength);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(clipPath)!);
        _writer = new VideoWriter(clipPath, FourCC.MP4V, options.Fps, _size);
        if (!_writer.IsOpened())
        {
            _writer.Dispose();
            throw new IOException($"Cannot open '{clipPath}' for writing an mp4v clip of camera '{camera}' ({_size.Width}x{_size.Height} at {options.Fps} fps).");
        }
    }

    public string EventId { get; }
    public string Camera { get; }
    public string ClipPath { get; }
    public string? SnapshotPath { get; set; }
    public int Frames { get; private set; }
    public long FirstMicros { get; private set; }
    public long LastMicros { get; private set; } = long.MinValue;
    public bool HitMaxLength { get; private set; }

    /// <summary>The event ended: frames up to and including <paramref name="stopAfterMicros"/> still go in.</summary>
    public void StopAfter(long stopAfterMicros) => _stopAfterMicros = stopAfterMicros;

    /// <summary>True when a frame at <paramref name="micros"/> falls past the clip's end (ClipAfter past the event, or its max length).</summary>
    public bool IsPastEnd(long micros)
    {
        if (micros > _maxEndMicros)
        {
            HitMaxLength = _stopAfterMicros == long.MaxValue || _stopAfterMicros > _maxEndMicros;
            return true;
        }
        return micros > _stopAfterMicros;
    }

    /// <summary>Appends <paramref name="frame"/> unless it is not after the last written one.</summary>
    public void Write(VideoFrame frame)
    {
        if (frame.CaptureMicros <= LastMicros)
            return;
        using var mat = FrameMats.ToBgrMat(frame);
        if (mat.Width != _size.Width || mat.Height != _size.Height)
        {
            using var scaled = new Mat();
            Cv2.Resize(mat, scaled, _size);
            _writer.Write(scaled);
        }
        else
        {
            _writer.Write(mat);
        }
        if (Frames == 0)
            FirstMicros = frame.CaptureMicros;
        LastMicros = frame.CaptureMicros;
        Frames++;
    }

    public RecordedClip ToResult() =>
        new(EventId, Camera, ClipPath, SnapshotPath, Frames, FirstMicros, LastMicros, _size.Width, _size.Height, HitMaxLength);

    /// <summary>Finishes the mp4 (writes its index); the file is complete afterwards.</summary>
    public void Dispose() => _writer.Dispose();
}
