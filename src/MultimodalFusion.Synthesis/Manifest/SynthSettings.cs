namespace MultimodalFusion.Synthesis.Manifest;

/// <summary>The generation settings recorded in <c>synth.json</c>.</summary>
public sealed record SynthSettings(
    int Videos, double Seconds, double Fps, int Width, int Height, int CropSize, int SampleRateHz,
    double AmbiguousFraction, double ValidationFraction)
{
    /// <summary>The settings of <paramref name="options"/>.</summary>
    public static SynthSettings From(SynthOptions options) => new(
        options.Videos, options.EffectiveDuration.TotalSeconds, options.Fps, options.Width, options.Height,
        options.CropSize, options.SampleRateHz, options.AmbiguousFraction, options.ValidationFraction);
}
