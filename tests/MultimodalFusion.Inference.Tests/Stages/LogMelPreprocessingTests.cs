using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Stages;

namespace MultimodalFusion.Inference.Tests.Stages;

public sealed class LogMelPreprocessingTests
{
    [Fact]
    public void A_25_ms_10_ms_manifest_gives_400_and_160_samples_at_16_kHz()
    {
        var spec = new PreprocessingSpec
        {
            SampleRateHz = 16_000, MelBins = 128, MelWindow = TimeSpan.FromMilliseconds(25), MelHop = TimeSpan.FromMilliseconds(10),
        };
        LogMelOptions options = spec.ToLogMelOptions("audio-enc");
        Assert.Equal((16_000, 128, 512, 400, 160), (options.SampleRateHz, options.MelBins, options.FftSize, options.WindowLength, options.HopLength));
        Assert.Equal(101, new LogMelSpectrogram(options).FrameCount(16_000));
    }

    [Fact]
    public void Missing_or_unusable_fields_are_named_with_the_model()
    {
        var missing = Assert.Throws<ArgumentException>(() => new PreprocessingSpec { SampleRateHz = 16_000 }.ToLogMelOptions("audio-enc"));
        Assert.Contains("audio-enc", missing.Message);
        Assert.Contains("melBins, melWindow, melHop", missing.Message);

        var tooLong = new PreprocessingSpec
        {
            SampleRateHz = 16_000, MelBins = 128, MelWindow = TimeSpan.FromMilliseconds(50), MelHop = TimeSpan.FromMilliseconds(10),
        };
        var error = Assert.Throws<ArgumentException>(() => tooLong.ToLogMelOptions("audio-enc"));
        Assert.Contains("WindowLength 800 exceeds FftSize 512", error.Message);
        Assert.Equal(1024, tooLong.ToLogMelOptions("audio-enc", fftSize: 1024).FftSize);
    }
}
