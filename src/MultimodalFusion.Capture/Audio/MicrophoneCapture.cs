using System.Diagnostics;
using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Audio;

/// <summary>The reading loop of one <see cref="MicrophoneSource"/> run, executed on its own thread.</summary>
/// <remarks>
/// Owns the backend (opened, read and disposed on the reading thread only) and the chunker; chunks
/// written to the channel belong to its reader. Progress fields are read by the async side.
/// </remarks>
internal sealed class MicrophoneCapture(IMicrophoneBackend backend, ChannelWriter<AudioChunk> output, IClock clock,
    string streamId, int chunkFrames, bool correctForLatency, long firstSequence, CancellationToken stop)
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastDataTimestamp = Stopwatch.GetTimestamp();
    private long _nextSequence = firstSequence;
    private long _totalFrames;
    private long _streamStart = long.MinValue;

    public Task Opened => _opened.Task;

    public Task Completion => _completion.Task;

    public TimeSpan Latency { get; private set; }

    public long NextSequence => Interlocked.Read(ref _nextSequence);

    public long TotalFrames => Interlocked.Read(ref _totalFrames);

    /// <summary>Clock time of sample 0 once the stream is anchored, else null.</summary>
    public long? StreamStartMicros => Interlocked.Read(ref _streamStart) is var v && v == long.MinValue ? null : v;

    public TimeSpan SinceLastData => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastDataTimestamp));

    public void Run()
    {
        AudioChunker? chunker = null;
        try
        {
            backend.Open();
            Latency = backend.Latency;
            Interlocked.Exchange(ref _lastDataTimestamp, Stopwatch.GetTimestamp());
            _opened.TrySetResult();
            var block = new float[chunkFrames];
            var ready = new List<AudioChunk>();
            while (!stop.IsCancellationRequested)
            {
                int read = backend.Read(block);
                if (read == 0)
                    continue;
                long now = clock.NowMicros;
                Interlocked.Exchange(ref _lastDataTimestamp, Stopwatch.GetTimestamp());
                // Anchor once: sample 0 was captured one read-duration (plus the device latency) ago.
                chunker ??= new AudioChunker(streamId, chunkFrames,
                    now - Micros.FromSamples(read, AudioFormat.SampleRateHz) - (correctForLatency ? Micros.From(Latency) : 0),
                    NextSequence);
                Interlocked.CompareExchange(ref _streamStart, chunker.StreamStartMicros, long.MinValue);
                chunker.Append(block.AsSpan(0, read), ready);
                Interlocked.Exchange(ref _totalFrames, chunker.TotalFrames);
                // A dedicated thread may block on a full Wait-mode channel.
                AudioChunker.WriteAllAsync(ready, output, pace: null, stop).GetAwaiter().GetResult();
                Interlocked.Exchange(ref _nextSequence, chunker.NextSequence);
            }
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _opened.TrySetCanceled(stop);
            _completion.TrySetResult();
        }
        catch (Exception e)
        {
            _opened.TrySetException(e);
            _completion.TrySetException(e);
        }
        finally
        {
            chunker?.Dispose();
            backend.Dispose();
        }
    }
}
