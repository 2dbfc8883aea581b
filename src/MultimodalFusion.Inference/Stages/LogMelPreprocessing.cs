using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Inference.Stages;

/// <summary>Builds the log-mel frontend's options from an audio model's manifest preprocessing block.</summary>
public static class LogMelPreprocessing
{
    /// <summary>The default FFT size when the manifest gives none (512 points: 32 ms at 16 kHz, above a 25 ms window).</summary>
    public const int DefaultFftSize = 512;

    /// <summary>
    /// Options for <paramref name="spec"/>'s sample rate, mel bins, window and hop (all required), with
    /// <paramref name="fftSize"/> points; the message names <paramref name="modelName"/> and every missing field.
    /// </summary>
    /// <remarks>PreprocessingSpec has no n_fft field yet, so the FFT size is the caller's (see <see cref="DefaultFftSize"/>).</remarks>
    public static LogMelOptions ToLogMelOptions(this PreprocessingSpec spec, string modelName, int fftSize = DefaultFftSize)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var missing = new List<string>();
        if (spec.SampleRateHz is null)
            missing.Add("sampleRateHz");
        if (spec.MelBins is null)
            missing.Add("melBins");
        if (spec.MelWindow is null)
            missing.Add("melWindow");
        if (spec.MelHop is null)
            missing.Add("melHop");
        if (missing.Count > 0)
            throw new ArgumentException($"Model '{modelName}': preprocessing lacks {string.Join(", ", missing)} for the log-mel frontend.", nameof(spec));
        var options = LogMelOptions.FromDurations(spec.SampleRateHz!.Value, spec.MelBins!.Value, spec.MelWindow!.Value, spec.MelHop!.Value, fftSize);
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Model '{modelName}': log-mel preprocessing is unusable: {ex.Message}", nameof(spec), ex);
        }
        return options;
    }
}
