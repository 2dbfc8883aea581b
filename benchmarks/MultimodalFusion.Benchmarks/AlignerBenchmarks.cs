using BenchmarkDotNet.Attributes;
using MultimodalFusion.Benchmarks.Running;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Benchmarks;

/// <summary>The window aligner per emitted window (W = 2 s, H = 0.5 s): one hop of packets in, one window out.</summary>
/// <remarks>
/// Each invocation adds 0.5 s of input (5 frames at 10 fps; for the fused case also 5 chunks of 100 ms of 16 kHz audio
/// and one transcript segment), takes the window that completes and disposes it. Buffers come from a pool, so the
/// steady state rents and returns the same arrays. Baseline: video only.
/// </remarks>
[MemoryDiagnoser]
public class AlignerBenchmarks
{
    private const long FramePeriod = 100_000;
    private readonly BufferPool<byte> _pixels = new();
    private readonly BufferPool<float> _samples = new();
    private WindowAligner _videoOnly = null!;
    private WindowAligner _fused = null!;
    private long _videoTime;
    private long _fusedTime;
    private long _sampleIndex;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new ManualClock();
        var options = new AlignerOptions { Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(0.5), Expected = ModalityMask.Video };
        _videoOnly = new WindowAligner(options, clock);
        _fused = new WindowAligner(options with { Expected = ModalityMask.Video | ModalityMask.Audio }, clock);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _videoOnly.Dispose();
        _fused.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(BenchCategories.Quick)]
    public long VideoOnlyWindow()
    {
        for (int i = 0; i < 5; i++)
        {
            _videoOnly.Add(Frame(_videoTime));
            _videoTime += FramePeriod;
        }
        return TakeWindows(_videoOnly);
    }

    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public long VideoAudioTextWindow()
    {
        for (int i = 0; i < 5; i++)
        {
            _fused.Add(Frame(_fusedTime));
            PooledBuffer<float> buffer = _samples.Rent(1600);
            _fused.Add(new AudioChunk(buffer, 1600, 16_000, 1, "mic", _sampleIndex / 1600, 0, _sampleIndex));
            _sampleIndex += 1600;
            _fusedTime += FramePeriod;
        }
        _fused.Add(new TranscriptSegment("asr", _sequence, _fusedTime - 400_000, _fusedTime - 100_000, "go forward ten meters"));
        return TakeWindows(_fused);
    }

    private VideoFrame Frame(long micros) =>
        new(_pixels.Rent(64 * 48 * 3), 64, 48, PixelFormat.Bgr24, "cam", _sequence++, micros, null);

    private static long TakeWindows(WindowAligner aligner)
    {
        long sum = 0;
        while (aligner.TryDequeue(out AlignedWindow window))
        {
            sum += window.Video.Count + window.Audio.Count + window.Text.Count;
            window.Dispose();
        }
        return sum;
    }
}
