using MultimodalFusion.Capture.Video;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>ffmpeg on PATH (video files, cameras, RTSP and audio decoding all run through it) and its version.</summary>
public sealed class FfmpegCheck : DoctorCheck
{
    /// <summary>The fix on Debian/Ubuntu.</summary>
    public const string InstallCommand = "sudo apt-get install ffmpeg";

    /// <inheritdoc/>
    public override string Name => "ffmpeg";

    /// <inheritdoc/>
    public override bool Required => true;

    /// <inheritdoc/>
    protected override string? FixOnError => InstallCommand;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        // The executable Capture starts when none is configured.
        string executable = new FfmpegVideoSourceOptions().FfmpegPath;
        string? path = context.FindOnPath(executable);
        if (path is null)
            return Fail($"'{executable}' not found on PATH ({context.GetEnvironmentVariable("PATH") ?? "unset"}).", InstallCommand);
        var (exitCode, output) = context.RunTool(path, "-hide_banner", "-version");
        if (exitCode != 0)
            return Fail($"{path} -version failed (exit {exitCode}): {FirstLine(output)}", InstallCommand);
        // First line: "ffmpeg version 5.1.6-0+deb12u1 Copyright (c) ..."
        string version = FirstLine(output).Split(' ') is [_, "version", var v, ..] ? v : FirstLine(output);
        return Ok($"ffmpeg {version} at {path}");
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
