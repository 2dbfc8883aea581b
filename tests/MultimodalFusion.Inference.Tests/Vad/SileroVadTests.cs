using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Vad;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Vad;

/// <summary>Silero VAD v5 on real speech. Needs .media/silero_vad_v5.onnx (tools/fetch-silero-vad.sh): fails, never skips, without it.</summary>
public sealed class SileroVadTests
{
    internal static string ModelPath
    {
        get
        {
            string path = Path.Combine(RepoPaths.MediaDir, VoiceActivityDetectors.SileroFileName);
            if (!File.Exists(path))
                throw new FileNotFoundException($"Silero VAD model missing at {path}; run tools/fetch-silero-vad.sh (the CI does).", path);
            return path;
        }
    }

    /// <summary>goforward.raw: 16 kHz s16le mono "go forward ten meters".</summary>
    internal static float[] GoForward()
    {
        byte[] raw = File.ReadAllBytes(RepoPaths.Media("goforward.raw"));
        var samples = new float[raw.Length / 2];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = BitConverter.ToInt16(raw, 2 * i) / 32768f;
        return samples;
    }

    internal static float[] Probabilities(IVoiceActivityDetector vad, float[] samples)
    {
        var result = new float[samples.Length / vad.FrameSamples];
        for (int f = 0; f < result.Length; f++)
            result[f] = vad.Process(samples.AsSpan(f * vad.FrameSamples, vad.FrameSamples));
        return result;
    }

    // Measured once with Silero and the RMS level: "go forward ten meters" runs from ~0.51 s to ~2.18 s of the 2.79 s
    // recording; before 0.48 s there is only room noise (-54 to -62 dBFS).
    internal static readonly (double From, double To) s_speechSeconds = (0.55, 2.10);
    internal static readonly (double From, double To) s_roomSilenceSeconds = (0.0, 0.45);

    internal static float MeanOver(float[] p, (double From, double To) seconds, int frameSamples = 512)
    {
        int first = (int)Math.Ceiling(seconds.From * 16_000 / frameSamples);
        int last = (int)Math.Floor(seconds.To * 16_000 / frameSamples) - 1;
        return p[first..(last + 1)].Average();
    }

    private static float[] Noise(int samples, double sigma, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, samples)
            .Select(_ => (float)(sigma * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())))
            .ToArray();
    }

    [Fact]
    public void Real_speech_scores_above_one_half_and_room_silence_below_a_tenth()
    {
        using var session = new OnnxSessionFactory().Create(ModelPath, new OrtSessionOptions { WarmUpRuns = 0 });
        using var vad = new SileroVad(session);

        float[] p = Probabilities(vad, GoForward());

        float speech = MeanOver(p, s_speechSeconds), room = MeanOver(p, s_roomSilenceSeconds);
        Console.WriteLine($"silero: speech mean {speech:F3}, room silence mean {room:F3}");
        Assert.True(speech > 0.5f, $"mean speech probability {speech}");
        Assert.True(room < 0.1f, $"mean room-silence probability {room}");
    }

    [Theory]
    [InlineData(0.0)]       // digital silence
    [InlineData(0.001)]     // -60 dBFS white noise
    public void Generated_silence_scores_below_a_tenth(double sigma)
    {
        using var session = new OnnxSessionFactory().Create(ModelPath, new OrtSessionOptions { WarmUpRuns = 0 });
        using var vad = new SileroVad(session);

        float mean = Probabilities(vad, Noise(2 * 16_000, sigma, seed: 5)).Average();

        Assert.True(mean < 0.1f, $"mean probability {mean} on sigma={sigma}");
    }

    [Fact]
    public void Reset_repeats_results_and_frames_allocate_nothing()
    {
        using var session = new OnnxSessionFactory().Create(ModelPath, new OrtSessionOptions { WarmUpRuns = 0 });
        using var vad = new SileroVad(session);
        float[] speech = GoForward();
        float[] first = Probabilities(vad, speech);
        vad.Reset();

        var second = new float[first.Length];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 0; f < first.Length; f++)
            second[f] = vad.Process(speech.AsSpan(f * 512, 512));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(first, second);
        Assert.Equal(0, allocated);
        Assert.Throws<ArgumentException>(() => vad.Process(new float[480]));
    }

    [Fact]
    public void Factory_uses_silero_when_present_and_energy_vad_when_absent()
    {
        var logger = new ListLogger<SileroVadTests>();
        var fallback = VoiceActivityDetectors.Create("/nope/silero_vad_v5.onnx", logger: logger);
        Assert.IsType<EnergyVad>(fallback);
        Assert.Contains(logger.Entries, e => e.Message.Contains("/nope/silero_vad_v5.onnx") && e.Message.Contains("energy VAD"));

        var silero = VoiceActivityDetectors.Create(ModelPath);
        try
        {
            Assert.IsNotType<EnergyVad>(silero);
            Assert.True(MeanOver(Probabilities(silero, GoForward()), s_speechSeconds) > 0.5f);
        }
        finally
        {
            (silero as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Energy_vad_separates_the_same_speech_from_silence()
    {
        var vad = new EnergyVad();
        float[] p = Probabilities(vad, GoForward());
        float speech = MeanOver(p, s_speechSeconds);
        Console.WriteLine($"energy: speech mean {speech:F3}");
        Assert.True(speech > 0.5f, $"energy VAD speech mean {speech}");
        Assert.True(MeanOver(p, s_roomSilenceSeconds) < 0.1f);
        Assert.True(Probabilities(vad, new float[16_000]).Max() < 0.01f);
    }
}
