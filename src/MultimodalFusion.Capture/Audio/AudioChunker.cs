using System.Threading.Channels;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Audio;

/// <summary>Cuts a stream of 16 kHz mono samples into fixed-size pooled <see cref="AudioChunk"/>s stamped from the sample count.</summary>
/// <remarks>
/// One chunker per stream run: its sample index starts at 0 at <see cref="StreamStartMicros"/>; the
/// sequence number continues from the value passed in (a new run of a source continues its
/// sequence). Not thread-safe: one producer thread owns it. The chunk being filled is owned by the
/// chunker; a chunk handed to the channel belongs to the channel's reader.
/// </remarks>
internal sealed class AudioChunker : IDisposable
{
    private readonly string _streamId;
    private readonly int _chunkFrames;
    private readonly BufferPool<float> _pool;
    private PooledBuffer<float>? _current;
    private int _filled;

    public AudioChunker(string streamId, int chunkFrames, long streamStartMicros, long firstSequence, BufferPool<float>? pool = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkFrames);
        _streamId = streamId;
        _chunkFrames = chunkFrames;
        _pool = pool ?? BufferPool<float>.Shared;
        StreamStartMicros = streamStartMicros;
        NextSequence = firstSequence;
    }

    /// <summary>Clock time of sample 0.</summary>
    public long StreamStartMicros { get; }

    /// <summary>Sequence number of the next chunk.</summary>
    public long NextSequence { get; private set; }

    /// <summary>Sample frames already emitted in chunks.</summary>
    public long EmittedFrames { get; private set; }

    /// <summary>Sample frames taken in so far (emitted plus the partial chunk).</summary>
    public long TotalFrames => EmittedFrames + _filled;

    /// <summary>Copies <paramref name="samples"/> in and returns every chunk that became full (the caller owns them).</summary>
    public void Append(ReadOnlySpan<float> samples, List<AudioChunk> completed)
    {
        while (!samples.IsEmpty)
        {
            _current ??= _pool.Rent(_chunkFrames);
            int take = Math.Min(samples.Length, _chunkFrames - _filled);
            samples[..take].CopyTo(_current.Span[_filled..]);
            _filled += take;
            samples = samples[take..];
            if (_filled == _chunkFrames)
                completed.Add(Take());
        }
    }

    /// <summary>The partial chunk, if any (at the end of a file); the caller owns it.</summary>
    public AudioChunk? Flush() => _filled > 0 ? Take() : null;

    private AudioChunk Take()
    {
        var chunk = new AudioChunk(_current!, _filled, AudioFormat.SampleRateHz, AudioFormat.Channels,
            _streamId, NextSequence++, StreamStartMicros, EmittedFrames);
        EmittedFrames += _filled;
        _current = null;
        _filled = 0;
        return chunk;
    }

    /// <summary>Writes <paramref name="chunks"/> in order, pacing each to its end time when <paramref name="pace"/> is set; clears the list.</summary>
    /// <remarks>On cancellation the chunks not yet written are disposed, so nothing leaks.</remarks>
    public static async Task WriteAllAsync(List<AudioChunk> chunks, ChannelWriter<AudioChunk> output, IClock? pace, CancellationToken ct)
    {
        int i = 0;
        try
        {
            for (; i < chunks.Count; i++)
            {
                if (pace is not null)
                    await pace.WaitUntilAsync(chunks[i].EndMicros, ct).ConfigureAwait(false);
                await output.WriteAsync(chunks[i], ct).ConfigureAwait(false);
            }
        }
        finally
        {
            for (; i < chunks.Count; i++)
                chunks[i].Dispose();
            chunks.Clear();
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
        _filled = 0;
    }
}
