namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>PulseAudio: pactl on PATH and a server answering (live microphone capture only; optional).</summary>
public sealed class PulseAudioCheck : DoctorCheck
{
    /// <summary>Installs the client tools and the server.</summary>
    public const string InstallCommand = "sudo apt-get install pulseaudio pulseaudio-utils";

    /// <summary>Starts a per-user server.</summary>
    public const string StartCommand = "pulseaudio --start";

    /// <inheritdoc/>
    public override string Name => "pulseaudio";

    /// <inheritdoc/>
    public override bool Required => false;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        string? pactl = context.FindOnPath("pactl");
        if (pactl is null)
            return Fail("pactl not found on PATH; microphone capture needs PulseAudio.", InstallCommand);
        var (exitCode, output) = context.RunTool(pactl, "info");
        if (exitCode != 0)
            return Fail($"no PulseAudio server reachable (pactl info: {output.ReplaceLineEndings(" ")}).", StartCommand);
        string server = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Server String:", StringComparison.Ordinal))
            ?? "server running";
        return Ok(server);
    }
}
