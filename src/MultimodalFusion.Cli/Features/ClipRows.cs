using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;

namespace MultimodalFusion.Cli.Features;

/// <summary>
/// Clip features of one video: a clip every <c>hop</c>, each over the window that ends there,
/// <c>[max(0, end - window), end)</c> for <c>end = hop, 2 hop, ...</c> up to the video's duration; the 16 (T) frames
/// are chosen by the runtime's <see cref="ClipExtractor"/> (<see cref="ClipSampler"/>). A window without a frame gives no row.
/// </summary>
/// <remarks>
/// Row timestamp: the centre of the clip's span (the cache's rule for windowed features). Frames are fed in time
/// order; only the frames the next window can still use are kept. Owns the frames it is given (disposes each one
/// once no window needs it). Not thread-safe.
/// </remarks>
public sealed class ClipRows : IDisposable
{
    private readonly ClipExtractor _extractor;
    private readonly long _windowMicros, _hopMicros;
    private readonly List<VideoFrame> _frames = [];
    private long _nextEnd;

    /// <summary>Clips of <paramref name="window"/> every <paramref name="hop"/> through <paramref name="extractor"/> (not owned).</summary>
    public ClipRows(ClipExtractor extractor, TimeSpan window, TimeSpan hop)
    {
        _extractor = extractor;
        _windowMicros = window.Ticks / TimeSpan.TicksPerMicrosecond;
        _hopMicros = hop.Ticks / TimeSpan.TicksPerMicrosecond;
        if (_windowMicros <= 0 || _hopMicros <= 0)
            throw new ArgumentOutOfRangeException(nameof(hop), "clip window and hop must be positive.");
        _nextEnd = _hopMicros;
        Rows = new FeatureRows(ExtractorSet.Clip, extractor.FeatureLength);
    }

    /// <summary>The rows so far.</summary>
    public FeatureRows Rows { get; }

    /// <summary>Takes <paramref name="frame"/> (ownership passes here) and emits every window that ends at or before it.</summary>
    public void Add(VideoFrame frame)
    {
        while (frame.StartMicros >= _nextEnd)
            Emit();
        _frames.Add(frame);
    }

    /// <summary>Emits the remaining windows that end by <paramref name="durationMicros"/> (frame count / fps) and releases the frames.</summary>
    public void Finish(long durationMicros)
    {
        while (_nextEnd <= durationMicros)
            Emit();
        Dispose();
    }

    private void Emit()
    {
        long end = _nextEnd, start = Math.Max(0, end - _windowMicros);
        if (_extractor.TryExtract(_frames, start, end, out ReadOnlySpan<float> features))
            Rows.Add(features, start + (end - start) / 2);
        _nextEnd += _hopMicros;
        // Frames before the next window's start are no longer needed.
        long keepFrom = _nextEnd - _windowMicros;
        int drop = 0;
        while (drop < _frames.Count && _frames[drop].StartMicros < keepFrom)
            _frames[drop++].Dispose();
        _frames.RemoveRange(0, drop);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (VideoFrame frame in _frames)
            frame.Dispose();
        _frames.Clear();
    }
}
