using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Core.Packets;

/// <summary>A run of interleaved float PCM samples in [-1, 1] and the time of its first sample.</summary>
/// <remarks>
/// Timing is exact: a source keeps a running count of sample frames since its stream started and
/// stamps <c>StartMicros = streamStartMicros + Micros.FromSamples(FirstSampleIndex, SampleRateHz)</c>,
/// so chunk boundaries never drift. Ownership of <see cref="Samples"/> follows the same rules as
/// <see cref="VideoFrame"/>: the holder disposes once; a second holder calls <see cref="Retain"/>.
/// </remarks>
public sealed class AudioChunk : ITimedPacket, IDisposable
{
    /// <summary>Wraps <paramref name="samples"/> (its first <paramref name="frameCount"/> * channels values), taking over the caller's reference.</summary>
    public AudioChunk(PooledBuffer<float> samples, int frameCount, int sampleRateHz, int channels,
        string streamId, long sequence, long streamStartMicros, long firstSampleIndex)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSampleIndex);
        if (samples.Length < frameCount * channels)
            throw new ArgumentException($"{frameCount} frames of {channels} channels need {frameCount * channels} samples; the buffer has {samples.Length}.", nameof(samples));
        Samples = samples;
        FrameCount = frameCount;
        SampleRateHz = sampleRateHz;
        Channels = channels;
        StreamId = streamId;
        Sequence = sequence;
        StreamStartMicros = streamStartMicros;
        FirstSampleIndex = firstSampleIndex;
    }

    /// <summary>The pooled samples (interleaved when <see cref="Channels"/> &gt; 1).</summary>
    public PooledBuffer<float> Samples { get; }

    /// <summary>Sample frames in this chunk (samples per channel).</summary>
    public int FrameCount { get; }

    /// <summary>Sample rate in hertz.</summary>
    public int SampleRateHz { get; }

    /// <summary>Interleaved channels.</summary>
    public int Channels { get; }

    /// <summary>Clock time of sample 0 of the stream.</summary>
    public long StreamStartMicros { get; }

    /// <summary>Index of this chunk's first sample frame, counted from the stream's start.</summary>
    public long FirstSampleIndex { get; }

    /// <inheritdoc />
    public Modality Modality => Modality.Audio;

    /// <inheritdoc />
    public string StreamId { get; }

    /// <inheritdoc />
    public long Sequence { get; }

    /// <inheritdoc />
    public long StartMicros => StreamStartMicros + Micros.FromSamples(FirstSampleIndex, SampleRateHz);

    /// <inheritdoc />
    public long EndMicros => StreamStartMicros + Micros.FromSamples(FirstSampleIndex + FrameCount, SampleRateHz);

    /// <summary>The samples in use, read-only.</summary>
    public ReadOnlySpan<float> Span => Samples.Span[..(FrameCount * Channels)];

    /// <summary>Takes another reference for a second holder, who must dispose the returned chunk.</summary>
    public AudioChunk Retain()
    {
        Samples.Retain();
        return this;
    }

    /// <summary>Releases this holder's reference to the samples.</summary>
    public void Dispose() => Samples.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{StreamId}#{Sequence} {FrameCount} frames @{SampleRateHz} Hz x{Channels} [{StartMicros}, {EndMicros}) us";
}
