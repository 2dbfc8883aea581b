using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Stages;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// The one definition of audio feature rows, shared by the feature cache (<c>mmf features</c>) and the live fusion path:
/// the stream's mono samples cut into windows of <see cref="AudioEncoder.WindowSamples"/> starting every hop from the
/// stream's first sample, each window encoded (log-mel → audio encoder) and stamped at the centre of its span,
/// <c>start + (end - start) / 2</c> with <c>start/end = StreamStart + sample / rate</c> of its first and past-last sample.
/// </summary>
/// <remarks>
/// <para>Chunks are mixed to mono as <c>sum / channels</c>. Samples already cut (an index below the next expected one, as
/// when overlapping fusion windows hand over the same chunk twice) are skipped. A jump forward in sample indices (a
/// dropped chunk) discards the partial window and resumes at the next window start of the same grid, so a row never
/// spans missing audio and rows keep their stamps. A trailing partial window is never emitted.</para>
/// <para>The encoder is not owned and its output span is only valid inside the row callback. One instance per audio
/// stream; not thread-safe.</para>
/// </remarks>
public sealed class AudioRowCutter
{
    private readonly AudioEncoder _encoder;
    private readonly float[] _window;      // the current window's samples, [0, _filled) valid
    private readonly int _hop;             // samples between window starts
    private int _filled;
    private long _origin = -1;             // stream sample index of the first window's start; -1 before the first chunk
    private long _windowFirstSample;       // stream sample index of _window[0]

    /// <summary>Cuts windows for <paramref name="encoder"/> (not owned) every <paramref name="hop"/>, which must lie in (0, window].</summary>
    public AudioRowCutter(AudioEncoder encoder, TimeSpan hop)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _window = new float[encoder.WindowSamples];
        _hop = (int)Math.Round(hop.TotalSeconds * encoder.SampleRateHz);
        if (_hop <= 0 || _hop > encoder.WindowSamples)
            throw new ArgumentOutOfRangeException(nameof(hop), $"audio rows: hop must be in (0, window]; got {_hop} samples for {encoder.WindowSamples}.");
    }

    /// <summary>Called per row: the encoded features (valid during the call only) and the row's stamp in microseconds.</summary>
    public delegate void RowHandler(ReadOnlySpan<float> features, long stampMicros);

    /// <summary>Samples between window starts.</summary>
    public int HopSamples => _hop;

    /// <summary>Rows emitted so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Windows discarded because the sample indices jumped.</summary>
    public long Gaps { get; private set; }

    /// <summary>The stream sample index the next sample must have (the end of what was consumed); -1 before the first chunk.</summary>
    public long NextSample => _origin < 0 ? -1 : _windowFirstSample + _filled;

    /// <summary>
    /// Consumes the samples of <paramref name="chunk"/> (not owned, only read) not consumed yet and calls
    /// <paramref name="onRow"/> for every window they complete. A rate other than the encoder's throws, naming the stream.
    /// </summary>
    public void Add(AudioChunk chunk, RowHandler onRow)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.SampleRateHz != _encoder.SampleRateHz)
            throw new InvalidOperationException($"Audio stream '{chunk.StreamId}' delivers {chunk.SampleRateHz} Hz; the audio encoder expects {_encoder.SampleRateHz} Hz (resample at capture).");
        if (_origin < 0)
            (_origin, _windowFirstSample, _filled) = (chunk.FirstSampleIndex, chunk.FirstSampleIndex, 0);
        long next = _windowFirstSample + _filled;
        long chunkEnd = chunk.FirstSampleIndex + chunk.FrameCount;
        if (chunkEnd <= next)
            return;   // already consumed
        long from = Math.Max(next, chunk.FirstSampleIndex);
        if (from > next)
        {
            // A gap: resume at the first window start of the grid at or after the chunk's first sample.
            if (_filled > 0)
                Gaps++;
            long k = (from - _origin + _hop - 1) / _hop;
            _windowFirstSample = _origin + k * _hop;
            _filled = 0;
            if (_windowFirstSample >= chunkEnd)
                return;
            from = _windowFirstSample;
        }
        int offset = (int)(from - chunk.FirstSampleIndex);
        while (offset < chunk.FrameCount)
        {
            int take = Math.Min(chunk.FrameCount - offset, _window.Length - _filled);
            MixToMono(chunk, offset, take, _window.AsSpan(_filled, take));
            _filled += take;
            offset += take;
            if (_filled == _window.Length)
                Emit(chunk, onRow);
        }
    }

    /// <summary>The stamp of the row whose window starts at stream sample <paramref name="firstSample"/>.</summary>
    public long StampOf(long streamStartMicros, long firstSample) =>
        Stamp(streamStartMicros, firstSample, _window.Length, _encoder.SampleRateHz);

    /// <summary>The centre of the span of <paramref name="samples"/> samples from <paramref name="firstSample"/>, in microseconds.</summary>
    public static long Stamp(long streamStartMicros, long firstSample, int samples, int rateHz)
    {
        long start = streamStartMicros + Micros.FromSamples(firstSample, rateHz);
        long end = streamStartMicros + Micros.FromSamples(firstSample + samples, rateHz);
        return start + (end - start) / 2;
    }

    private void Emit(AudioChunk chunk, RowHandler onRow)
    {
        ReadOnlySpan<float> features = _encoder.Encode(_window);
        long stamp = StampOf(chunk.StreamStartMicros, _windowFirstSample);
        Rows++;
        onRow(features, stamp);
        // Slide by the hop: keep the overlap for the next window.
        _window.AsSpan(_hop).CopyTo(_window);
        _filled -= _hop;
        _windowFirstSample += _hop;
    }

    private static void MixToMono(AudioChunk chunk, int firstFrame, int count, Span<float> destination)
    {
        ReadOnlySpan<float> samples = chunk.Span;
        int channels = chunk.Channels;
        for (int i = 0; i < count; i++)
        {
            int offset = (firstFrame + i) * channels;
            float sum = 0;
            for (int c = 0; c < channels; c++)
                sum += samples[offset + c];
            destination[i] = sum / channels;
        }
    }
}
