using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Core.Tests.Packets;

public sealed class AudioChunkTests
{
    private readonly BufferPool<float> _pool = new();

    [Fact]
    public void Times_come_from_the_sample_count_since_the_stream_start()
    {
        using var chunk = new AudioChunk(_pool.Rent(1024 * 2), 1024, 44_100, 2, "mic", 3, 5_000_000, 3 * 1024);
        Assert.Equal(Modality.Audio, chunk.Modality);
        // Samples 3072..4095 at 44.1 kHz: 69659.86 us .. 92879.81 us after the stream start, floored.
        Assert.Equal(5_000_000 + 69_659, chunk.StartMicros);
        Assert.Equal(5_000_000 + 92_879, chunk.EndMicros);
        Assert.Equal(2048, chunk.Span.Length);
    }

    [Fact]
    public void Consecutive_chunks_meet_exactly()
    {
        var chunks = Enumerable.Range(0, 1000).Select(i => new AudioChunk(_pool.Rent(441), 441, 44_100, 1, "mic", i, 0, i * 441L)).ToList();
        for (int i = 1; i < chunks.Count; i++)
            Assert.Equal(chunks[i - 1].EndMicros, chunks[i].StartMicros);
        Assert.Equal(10_000_000, chunks[^1].EndMicros); // 441,000 samples = 10 s exactly
        chunks.ForEach(c => c.Dispose());
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public void Invalid_chunks_are_refused()
    {
        using PooledBuffer<float> samples = _pool.Rent(100);
        var ex = Assert.Throws<ArgumentException>(() => new AudioChunk(samples, 60, 16_000, 2, "mic", 0, 0, 0));
        Assert.Contains("120", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioChunk(samples, 10, 0, 1, "mic", 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioChunk(samples, 10, 16_000, 0, "mic", 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioChunk(samples, -1, 16_000, 1, "mic", 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioChunk(samples, 10, 16_000, 1, "mic", 0, 0, -5));
    }

    [Fact]
    public void A_transcript_segment_is_a_text_interval()
    {
        var segment = new TranscriptSegment("srt", 0, 1_000, 2_500, "hello");
        Assert.Equal(Modality.Text, segment.Modality);
        Assert.Equal(1f, segment.Confidence);
        Assert.True(segment.IsFinal);
        Assert.Equal(1_500, segment.EndMicros - segment.StartMicros);
    }
}
