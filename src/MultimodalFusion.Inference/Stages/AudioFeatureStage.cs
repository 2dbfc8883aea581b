using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Inference.Stages;

/// <summary>
/// Cuts one audio stream into windows of <see cref="AudioEncoder.WindowSamples"/> mono samples every
/// <c>hop</c>, and writes one <see cref="FeaturePacket"/> (log-mel → audio encoder) per window, timed by the window's
/// first and past-last sample (<see cref="AudioWindowTiming"/>).
/// </summary>
/// <remarks>
/// Disposes every chunk it reads, after copying its samples (mixed to mono) into a preallocated window buffer. A gap
/// in sample indices (a dropped chunk) discards the partial window and starts a new one at the next chunk, so a window
/// never spans missing audio. A trailing partial window at end of input is dropped. The encoder is not owned and must
/// not be shared with another running stage. Chunks at a rate other than the encoder's fault the stage.
/// </remarks>
public sealed class AudioFeatureStage : PipelineStage<AudioChunk, FeaturePacket>
{
    private readonly AudioEncoder _encoder;
    private readonly BufferPool<float> _pool;
    private readonly float[] _window;   // the current window's samples, [0, _filled) valid
    private readonly int _hop;          // samples between window starts
    private int _filled;
    private long _windowFirstSample = -1;   // stream sample index of _window[0]; -1 before the first chunk
    private long _windows;
    private long _gaps;

    /// <summary>A stage named <paramref name="name"/> encoding windows every <paramref name="hop"/> (null: back to back).</summary>
    public AudioFeatureStage(string name, ChannelReader<AudioChunk> input, ChannelWriter<FeaturePacket> output, StageMetrics metrics,
        AudioEncoder encoder, TimeSpan? hop = null, BufferPool<float>? pool = null, ILogger? logger = null)
        : base(name, input, output, metrics, logger)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _pool = pool ?? BufferPool<float>.Shared;
        _window = new float[encoder.WindowSamples];
        _hop = hop is { } h ? (int)Math.Round(h.TotalSeconds * encoder.SampleRateHz) : encoder.WindowSamples;
        if (_hop <= 0 || _hop > encoder.WindowSamples)
            throw new ArgumentOutOfRangeException(nameof(hop), $"Stage '{name}': hop must be in (0, window]; got {_hop} samples for {encoder.WindowSamples}.");
    }

    /// <summary>Windows encoded so far.</summary>
    public long Windows => Interlocked.Read(ref _windows);

    /// <summary>Partial windows discarded because the sample indices jumped.</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <inheritdoc />
    protected override async ValueTask ProcessAsync(AudioChunk item, CancellationToken cancellationToken)
    {
        using (item)
        {
            if (item.SampleRateHz != _encoder.SampleRateHz)
                throw new InvalidOperationException($"Stage '{Name}': stream '{item.StreamId}' delivers {item.SampleRateHz} Hz; the audio encoder expects {_encoder.SampleRateHz} Hz (resample at capture).");
            if (_windowFirstSample < 0 || item.FirstSampleIndex != _windowFirstSample + _filled)
            {
                if (_filled > 0)
                {
                    Interlocked.Increment(ref _gaps);
                    Logger.LogWarning("Stage {Stage}: stream {Stream} jumped to sample {Index}; dropping a partial window of {Filled} samples", Name, item.StreamId, item.FirstSampleIndex, _filled);
                }
                _windowFirstSample = item.FirstSampleIndex;
                _filled = 0;
            }
            int offset = 0;
            while (offset < item.FrameCount)
            {
                int take = Math.Min(item.FrameCount - offset, _window.Length - _filled);
                MixToMono(item, offset, take, _window.AsSpan(_filled, take));
                _filled += take;
                offset += take;
                if (_filled == _window.Length)
                    await EmitAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask EmitAsync(AudioChunk chunk, CancellationToken cancellationToken)
    {
        ReadOnlySpan<float> features = _encoder.Encode(_window);
        var buffer = _pool.Rent(features.Length);
        features.CopyTo(buffer.Span);
        long start = chunk.StreamStartMicros + Micros.FromSamples(_windowFirstSample, chunk.SampleRateHz);
        long end = chunk.StreamStartMicros + Micros.FromSamples(_windowFirstSample + _window.Length, chunk.SampleRateHz);
        var packet = new FeaturePacket(buffer, features.Length, new AudioWindowTiming(chunk.StreamId, _windows, start, end));
        Interlocked.Increment(ref _windows);
        // Slide by the hop: keep the overlap for the next window.
        _window.AsSpan(_hop).CopyTo(_window);
        _filled -= _hop;
        _windowFirstSample += _hop;
        await WriteAsync(packet, cancellationToken).ConfigureAwait(false);
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
