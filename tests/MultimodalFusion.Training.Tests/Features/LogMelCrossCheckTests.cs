using MultimodalFusion.Features.Audio;
using MultimodalFusion.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Features;

/// <summary>
/// The runtime's log-mel frontend against the same features computed the torch way: torch.stft plus
/// torchaudio's HTK mel filter bank (melscale_fbanks, norm=None), written here with torch ops. A trainer
/// that computes features in torch, or reads them from the shared frontend, gets the same numbers.
/// </summary>
public sealed class LogMelCrossCheckTests
{
    [Fact]
    public void Torch_stft_with_torchaudio_mel_filters_matches_the_runtime_frontend_on_real_speech()
    {
        var options = new LogMelOptions();
        float[] speech = ReadRawS16(RepoPaths.Media("goforward.raw"));
        var frontend = new LogMelSpectrogram(options);
        int frames = frontend.FrameCount(speech.Length);
        var ours = new float[frames * options.MelBins];
        frontend.Compute(speech, ours);

        using var scope = NewDisposeScope();
        Tensor x = tensor(speech).to(float64);
        Tensor window = hann_window(options.WindowLength, periodic: true, dtype: float64);
        Tensor spec = stft(x, options.FftSize, hop_length: options.HopLength, win_length: options.WindowLength, window: window,
            center: true, pad_mode: PaddingModes.Reflect, normalized: false, onesided: true, return_complex: true);
        Tensor power = spec.abs().pow(2);                                     // [freqs, frames]
        Tensor mel = matmul(power.T, MelFilters(options));                    // [frames, mels]
        double[] reference = log(mel + options.LogOffset).to(float32).to(float64).data<double>().ToArray();

        Assert.Equal(frames * options.MelBins, reference.Length);
        Assert.True(ours.Max() - ours.Min() > 10, "speech spans more than 10 nats of log-mel energy"); // not a degenerate match
        double maxDiff = 0;
        for (int i = 0; i < reference.Length; i++)
            maxDiff = Math.Max(maxDiff, Math.Abs(reference[i] - ours[i]));
        Assert.True(maxDiff <= 1e-4, $"max abs difference {maxDiff:E2} over {frames} frames x {options.MelBins} mels");
    }

    /// <summary>torchaudio.functional.melscale_fbanks(n_freqs, f_min, f_max, n_mels, sr, norm=None, mel_scale="htk"): [freqs, mels].</summary>
    private static Tensor MelFilters(LogMelOptions o)
    {
        int freqs = o.FftSize / 2 + 1;
        double maxHz = o.MaxFrequencyHz ?? o.SampleRateHz / 2.0;
        Tensor allFreqs = linspace(0, o.SampleRateHz / 2, freqs, dtype: float64);
        Tensor melPoints = linspace(HzToMel(o.MinFrequencyHz), HzToMel(maxHz), o.MelBins + 2, dtype: float64);
        Tensor hzPoints = 700.0 * (pow(10.0, melPoints / 2595.0) - 1.0);
        Tensor diff = hzPoints[1..] - hzPoints[..^1];
        Tensor slopes = hzPoints.unsqueeze(0) - allFreqs.unsqueeze(1);      // [freqs, mels + 2]
        Tensor down = -slopes[.., ..^2] / diff[..^1];
        Tensor up = slopes[.., 2..] / diff[1..];
        return clamp_min(minimum(down, up), 0.0);
    }

    private static double HzToMel(double hz) => 2595.0 * Math.Log10(1.0 + hz / 700.0);

    private static float[] ReadRawS16(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var samples = new float[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = BitConverter.ToInt16(bytes, 2 * i) / 32768f;
        return samples;
    }
}
