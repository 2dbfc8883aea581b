namespace MultimodalFusion.Cli.Doctor;

/// <summary>What one check found.</summary>
/// <param name="Name">The check's short name (e.g. "ffmpeg").</param>
/// <param name="Required">True when a failure makes the product unusable (exit code 1).</param>
/// <param name="Status">Ok, warn or fail.</param>
/// <param name="Detail">What was found: a version, a path, or the real error message.</param>
/// <param name="Fix">The exact command (or step) that fixes a warn/fail; null when nothing is to be done.</param>
public sealed record CheckResult(string Name, bool Required, CheckStatus Status, string Detail, string? Fix)
{
    /// <summary>True unless this is a required check that failed.</summary>
    public bool Passes => !(Required && Status == CheckStatus.Fail);
}
