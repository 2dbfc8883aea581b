using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Pipeline.Alignment;

/// <summary>One fusion window: the video frames, audio chunks and transcript segments of <c>[StartMicros, EndMicros)</c>.</summary>
/// <remarks>
/// The window holds its own reference to every frame and chunk (retained by the aligner) and releases them on
/// <see cref="Dispose"/>; its holder disposes it exactly once, after which the packets' spans must not be used.
/// Frames and chunks may be shared with overlapping windows, so they are read-only here. Audio chunks and text
/// segments are those that overlap the window, so they can reach past its borders; <see cref="CopyAudioMono"/>
/// cuts exactly the window's samples.
/// </remarks>
public sealed class AlignedWindow : IDisposable
{
    private readonly List<VideoFrame> _video;
    private readonly List<AudioChunk> _audio;
    private readonly List<TranscriptSegment> _text;
    private int _disposed;

    internal AlignedWindow(long index, long startMicros, long endMicros, List<VideoFrame> video, List<AudioChunk> audio,
        List<TranscriptSegment> text, ModalityMask expected, ModalityMask complete, WindowEmitReason reason, long emitMicros)
    {
        Index = index;
        StartMicros = startMicros;
        EndMicros = endMicros;
        _video = video;
        _audio = audio;
        _text = text;
        Expected = expected;
        Complete = complete;
        Reason = reason;
        EmitMicros = emitMicros;
        Present = (video.Count > 0 ? ModalityMask.Video : 0) | (audio.Count > 0 ? ModalityMask.Audio : 0) | (text.Count > 0 ? ModalityMask.Text : 0);
    }

    /// <summary>Window number k on the grid (0 = the window that starts at the first video frame).</summary>
    public long Index { get; }

    /// <summary>Start on the data-path clock (inclusive).</summary>
    public long StartMicros { get; }

    /// <summary>End on the data-path clock (exclusive).</summary>
    public long EndMicros { get; }

    /// <summary>Length of the window.</summary>
    public TimeSpan Length => Micros.ToTimeSpan(EndMicros - StartMicros);

    /// <summary>Video frames with <c>StartMicros &lt;= t &lt; EndMicros</c>, in time order.</summary>
    public IReadOnlyList<VideoFrame> Video => _video;

    /// <summary>Audio chunks that overlap the window, in arrival order.</summary>
    public IReadOnlyList<AudioChunk> Audio => _audio;

    /// <summary>Transcript segments that overlap the window, in arrival order.</summary>
    public IReadOnlyList<TranscriptSegment> Text => _text;

    /// <summary>The modalities the aligner waited for.</summary>
    public ModalityMask Expected { get; }

    /// <summary>Modalities that contributed at least one packet to this window.</summary>
    public ModalityMask Present { get; }

    /// <summary>Modalities whose watermark had passed the window's end when it was emitted (their data is whole).</summary>
    public ModalityMask Complete { get; }

    /// <summary>Expected modalities that contributed nothing.</summary>
    public ModalityMask Missing => Expected & ~Present;

    /// <summary>Why the window was emitted.</summary>
    public WindowEmitReason Reason { get; }

    /// <summary>When it was emitted, on the aligner's clock.</summary>
    public long EmitMicros { get; }

    /// <summary>The transcript text of the window, segments joined by spaces.</summary>
    public string TranscriptText => string.Join(' ', _text.Select(t => t.Text));

    /// <summary>Mono samples in the window at the rate of its first audio stream; 0 without audio.</summary>
    public int AudioSampleCount => _audio.Count == 0 ? 0 : checked((int)(SampleIndexAt(_audio[0], EndMicros) - SampleIndexAt(_audio[0], StartMicros)));

    /// <summary>
    /// Copies exactly the window's samples of its first audio stream into <paramref name="destination"/>, mixed down to mono,
    /// zero where no chunk covers the time; returns <see cref="AudioSampleCount"/>.
    /// </summary>
    /// <remarks>Sample n of the stream belongs to the window when its time, <c>StreamStart + n / rate</c>, lies in [Start, End).</remarks>
    public int CopyAudioMono(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int count = AudioSampleCount;
        if (destination.Length < count)
            throw new ArgumentException($"Window {Index} holds {count} audio samples; the destination has room for {destination.Length}.", nameof(destination));
        Span<float> window = destination[..count];
        window.Clear();
        if (count == 0)
            return 0;
        AudioChunk reference = _audio[0];
        long first = SampleIndexAt(reference, StartMicros);
        foreach (AudioChunk chunk in _audio)
        {
            if (chunk.StreamId != reference.StreamId || chunk.SampleRateHz != reference.SampleRateHz || chunk.StreamStartMicros != reference.StreamStartMicros)
                continue;
            long from = Math.Max(first, chunk.FirstSampleIndex);
            long to = Math.Min(first + count, chunk.FirstSampleIndex + chunk.FrameCount);
            ReadOnlySpan<float> samples = chunk.Span;
            int channels = chunk.Channels;
            for (long n = from; n < to; n++)
            {
                int offset = (int)(n - chunk.FirstSampleIndex) * channels;
                float sum = 0;
                for (int c = 0; c < channels; c++)
                    sum += samples[offset + c];
                window[(int)(n - first)] = sum / channels;
            }
        }
        return count;
    }

    /// <summary>Releases the window's references to its frames and chunks. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        foreach (VideoFrame frame in _video)
            frame.Dispose();
        foreach (AudioChunk chunk in _audio)
            chunk.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"window {Index} [{StartMicros}, {EndMicros}) us video={_video.Count} audio={_audio.Count} text={_text.Count} present={Present} missing={Missing} by {Reason}";

    /// <summary>The first sample index of <paramref name="chunk"/>'s stream whose time is at or after <paramref name="micros"/> (may be negative before the stream start).</summary>
    private static long SampleIndexAt(AudioChunk chunk, long micros)
    {
        // time(n) = streamStart + floor(n * 1e6 / rate) >= micros  <=>  n >= (micros - streamStart) * rate / 1e6.
        Int128 scaled = (Int128)(micros - chunk.StreamStartMicros) * chunk.SampleRateHz;
        Int128 quotient = Int128.DivRem(scaled, Micros.PerSecond).Quotient;
        if (quotient * Micros.PerSecond < scaled)
            quotient++;
        return (long)quotient;
    }
}
