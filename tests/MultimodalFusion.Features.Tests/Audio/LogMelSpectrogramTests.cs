using MultimodalFusion.Features.Audio;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Features.Tests.Audio;

public sealed class LogMelSpectrogramTests
{
    private static readonly LogMelOptions s_options = new();   // 16 kHz, 128 mels, n_fft 512, 400 / 160

    [Theory]
    [InlineData(1000.0)]
    [InlineData(440.0)]
    [InlineData(3000.0)]
    public void PureSineLandsInTheMelBinWhoseCentreIsNearest(double hz)
    {
        float[] x = Sine(hz, 16_000, 0.5f);
        var mel = new LogMelSpectrogram(s_options);
        var output = new float[mel.FrameCount(x.Length) * mel.MelBins];
        int frames = mel.Compute(x, output);

        int expected = Enumerable.Range(0, mel.MelBins)
            .MinBy(m => Math.Abs(MelFilterBank.CenterHz(m, mel.MelBins, 0, 8000) - hz));
        // A middle frame, away from the reflect-padded edges.
        ReadOnlySpan<float> row = output.AsSpan((frames / 2) * mel.MelBins, mel.MelBins);
        int best = 0;
        for (int m = 1; m < row.Length; m++)
            if (row[m] > row[best]) best = m;
        Assert.InRange(best, expected - 1, expected + 1);
        // The peak stands far above the bins an octave away (log power, natural units).
        int far = Enumerable.Range(0, mel.MelBins).MinBy(m => Math.Abs(MelFilterBank.CenterHz(m, mel.MelBins, 0, 8000) - hz * 2));
        Assert.True(row[best] - row[far] > 5, $"peak {row[best]} vs octave bin {row[far]}");
    }

    [Theory]
    [InlineData(16_000, 101)]
    [InlineData(16_159, 101)]
    [InlineData(16_160, 102)]
    [InlineData(257, 2)]
    public void FrameCountIsOnePlusLengthOverHop(int samples, int frames)
    {
        var mel = new LogMelSpectrogram(s_options);
        Assert.Equal(frames, mel.FrameCount(samples));
        var output = new float[frames * mel.MelBins];
        Assert.Equal(frames, mel.Compute(new float[samples], output));
        // Silence: every value is log(1e-6).
        Assert.All(output, v => Assert.Equal(Math.Log(1e-6), v, 1e-5));
    }

    [Theory]
    [InlineData(512, 400, 160, 128)]
    [InlineData(256, 256, 128, 40)]
    public void MatchesANaiveDoublePrecisionReferenceOnRealSpeech(int nFft, int win, int hop, int mels)
    {
        // 0.25 s of "go forward ten meters" from 0.5 s on (speech, not silence).
        float[] x = ReadRaw16k(RepoPaths.Media("goforward.raw"))[8_000..12_000];
        var options = new LogMelOptions { FftSize = nFft, WindowLength = win, HopLength = hop, MelBins = mels };
        var mel = new LogMelSpectrogram(options);
        var output = new float[mel.FrameCount(x.Length) * mels];
        int frames = mel.Compute(x, output);

        double[][] reference = NaiveLogMel.Compute(x, 16_000, nFft, win, hop, mels);
        Assert.Equal(reference.Length, frames);
        double worst = 0;
        for (int t = 0; t < frames; t++)
            for (int m = 0; m < mels; m++)
                worst = Math.Max(worst, Math.Abs(reference[t][m] - output[t * mels + m]));
        Assert.True(worst < 1e-4, $"largest difference {worst}");
        Assert.True(output.Max() > Math.Log(1e-6) + 5, "speech should carry energy");
    }

    [Fact]
    public void FilterBankMatchesTheDenseTorchaudioFormula()
    {
        var bank = new MelFilterBank(16_000, 512, 128, 0, 8000);
        double[,] dense = NaiveLogMel.FilterBank(16_000, 512, 128);
        for (int m = 0; m < 128; m++)
        {
            var w = bank.Weights(m);
            for (int k = 0; k < 257; k++)
            {
                int j = k - bank.First(m);
                double actual = j >= 0 && j < w.Length ? w[j] : 0;
                Assert.Equal(dense[k, m], actual, 12);
            }
        }
    }

    [Fact]
    public void ComputeAllocatesNothingAfterWarmUp()
    {
        float[] x = Sine(700, 16_000, 0.3f);
        var mel = new LogMelSpectrogram(s_options);
        var output = new float[mel.FrameCount(x.Length) * mel.MelBins];
        mel.Compute(x, output);   // warm-up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
            mel.Compute(x, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FromDurationsRoundsToSamplesAndBadInputIsNamed()
    {
        var options = LogMelOptions.FromDurations(16_000, 128, TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(10), 512);
        Assert.Equal((400, 160), (options.WindowLength, options.HopLength));
        var notPow2 = Assert.Throws<ArgumentException>(() => new LogMelSpectrogram(options with { FftSize = 400 }));
        Assert.Contains("FftSize 400", notPow2.Message);
        Assert.Throws<ArgumentException>(() => new LogMelSpectrogram(options with { WindowLength = 600 }));
        var mel = new LogMelSpectrogram(options);
        var shortInput = Assert.Throws<ArgumentException>(() => mel.Compute(new float[256], new float[10_000]));
        Assert.Contains("256", shortInput.Message);
        Assert.Throws<ArgumentException>(() => mel.Compute(new float[1600], new float[10]));
    }

    private static float[] Sine(double hz, int samples, float amplitude) =>
        Enumerable.Range(0, samples).Select(n => amplitude * (float)Math.Sin(2 * Math.PI * hz * n / 16_000)).ToArray();

    private static float[] ReadRaw16k(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var x = new float[bytes.Length / 2];
        for (int i = 0; i < x.Length; i++)
            x[i] = BitConverter.ToInt16(bytes, 2 * i) / 32768f;
        return x;
    }
}
