using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Pipeline.Tests.Support;

/// <summary>Makes real pooled frames and chunks from pools private to one test, so <see cref="Outstanding"/> proves leaks.</summary>
/// <remarks>Audio sample n of a stream holds the value n (exact in float up to 2^24), so a copy can be checked sample by sample.</remarks>
internal sealed class TestPackets
{
    public BufferPool<byte> Bytes { get; } = new();

    public BufferPool<float> Floats { get; } = new();

    /// <summary>Buffers of both pools not yet returned.</summary>
    public long Outstanding => Bytes.Outstanding + Floats.Outstanding;

    private long _videoSequence;
    private long _textSequence;

    public VideoFrame Frame(long micros, string stream = "cam")
    {
        PooledBuffer<byte> pixels = Bytes.Rent(4 * 4 * 3);
        pixels.Span.Fill((byte)(micros / 1000 % 251));
        return new VideoFrame(pixels, 4, 4, PixelFormat.Bgr24, stream, _videoSequence++, micros, null);
    }

    /// <summary>A chunk of <paramref name="frames"/> sample frames starting at sample <paramref name="firstSample"/>; every channel of sample n holds n.</summary>
    public AudioChunk Chunk(long firstSample, int frames, int rateHz = 16_000, int channels = 1, long streamStartMicros = 0, string stream = "mic")
    {
        PooledBuffer<float> samples = Floats.Rent(frames * channels);
        Span<float> span = samples.Span;
        for (int i = 0; i < frames; i++)
            for (int c = 0; c < channels; c++)
                span[i * channels + c] = firstSample + i;
        return new AudioChunk(samples, frames, rateHz, channels, stream, firstSample / Math.Max(1, frames), streamStartMicros, firstSample);
    }

    public TranscriptSegment Text(long startMicros, long endMicros, string text, string stream = "srt") =>
        new(stream, _textSequence++, startMicros, endMicros, text);

    /// <summary>Video frames every <paramref name="periodMicros"/> from <paramref name="fromMicros"/> (inclusive) to <paramref name="toMicros"/> (exclusive).</summary>
    public IEnumerable<VideoFrame> Frames(long fromMicros, long toMicros, long periodMicros)
    {
        for (long t = fromMicros; t < toMicros; t += periodMicros)
            yield return Frame(t);
    }

    /// <summary>Chunks of <paramref name="framesPerChunk"/> samples covering samples [<paramref name="fromSample"/>, <paramref name="toSample"/>).</summary>
    public IEnumerable<AudioChunk> Chunks(long fromSample, long toSample, int framesPerChunk, long streamStartMicros, int rateHz = 16_000)
    {
        for (long n = fromSample; n < toSample; n += framesPerChunk)
            yield return Chunk(n, (int)Math.Min(framesPerChunk, toSample - n), rateHz, 1, streamStartMicros);
    }
}
