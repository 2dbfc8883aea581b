using BenchmarkDotNet.Attributes;
using MultimodalFusion.Benchmarks.Media;
using MultimodalFusion.Benchmarks.Running;
using MultimodalFusion.Features.Audio;

namespace MultimodalFusion.Benchmarks.Features;

/// <summary>
/// Log-mel features of one second of real speech (goforward.wav, "go forward ten meters", recorded at 16 kHz mono):
/// 16,000 samples -> 101 frames x 128 mel bins (n_fft 512, 25 ms window, 10 ms hop), the audio stream's frontend.
/// </summary>
/// <remarks>
/// Baseline: the default 128-bin frontend. The 64-bin variant shows how much of the cost is the filter bank rather
/// than the FFT. Both write into a reused array and are expected to allocate 0 B.
/// </remarks>
[MemoryDiagnoser]
public class LogMelBenchmarks
{
    private const int RateHz = 16_000;
    private float[] _second = [];
    private LogMelSpectrogram _mel128 = null!, _mel64 = null!;
    private float[] _out128 = [], _out64 = [];

    [GlobalSetup]
    public void Setup()
    {
        float[] speech = BenchMedia.SpeechSamples("goforward.wav", RateHz);
        if (speech.Length < 2 * RateHz)
            throw new InvalidDataException($"goforward.wav holds {speech.Length} samples; 2 s are needed.");
        _second = speech.AsSpan(RateHz / 2, RateHz).ToArray();   // 0.5-1.5 s: inside the utterance, not leading silence
        _mel128 = new LogMelSpectrogram(new LogMelOptions());
        _mel64 = new LogMelSpectrogram(new LogMelOptions { MelBins = 64 });
        _out128 = new float[_mel128.FrameCount(RateHz) * 128];
        _out64 = new float[_mel64.FrameCount(RateHz) * 64];
        int frames = _mel128.Compute(_second, _out128);
        if (frames != 101 || _out128.Any(v => !float.IsFinite(v)))
            throw new InvalidOperationException($"log-mel of 1 s gave {frames} frames (101 expected) or non-finite values.");
    }

    /// <summary>1 s of 16 kHz speech -> 101 x 128 log-mel.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(BenchCategories.Quick)]
    public int LogMel128PerSecond() => _mel128.Compute(_second, _out128);

    /// <summary>1 s of 16 kHz speech -> 101 x 64 log-mel.</summary>
    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public int LogMel64PerSecond() => _mel64.Compute(_second, _out64);
}
