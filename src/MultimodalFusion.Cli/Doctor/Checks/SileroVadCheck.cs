using MultimodalFusion.Cli.Probe;
using MultimodalFusion.Inference.Vad;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>
/// The Silero VAD model loads as a Silero v5 graph through <see cref="VoiceActivityDetectors"/>. Optional: without it
/// the pipeline falls back to the energy VAD.
/// </summary>
public sealed class SileroVadCheck : DoctorCheck
{
    /// <summary>Fetches the model into .media/ (or $MMF_MEDIA).</summary>
    public const string FetchCommand = "bash tools/fetch-silero-vad.sh";

    /// <inheritdoc/>
    public override string Name => "silero-vad";

    /// <inheritdoc/>
    public override bool Required => false;

    /// <inheritdoc/>
    protected override string? FixOnError => FetchCommand;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        string path;
        try
        {
            path = context.SileroPath ?? Path.Combine(SampleMedia.FindMediaDir(), VoiceActivityDetectors.SileroFileName);
        }
        catch (FileNotFoundException)
        {
            return Fail($"no media folder (.media/ or $MMF_MEDIA) holding {VoiceActivityDetectors.SileroFileName}; the energy VAD is used.", FetchCommand);
        }
        // Create returns the energy fallback when the file is missing and throws when it is not a Silero v5 graph.
        var detector = VoiceActivityDetectors.Create(path);
        try
        {
            return detector is EnergyVad
                ? Fail($"{path}: not found; the energy VAD is used.", FetchCommand)
                : Ok($"{path} ({detector.SampleRateHz} Hz, {detector.FrameSamples}-sample frames)");
        }
        finally
        {
            (detector as IDisposable)?.Dispose();
        }
    }
}
