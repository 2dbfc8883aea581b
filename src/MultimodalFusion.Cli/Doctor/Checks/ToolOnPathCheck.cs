namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>
/// An executable found on PATH (plus extra folders) that prints its version: espeak-ng for <c>mmf synth</c>,
/// mosquitto for the MQTT alert tests.
/// </summary>
public sealed class ToolOnPathCheck : DoctorCheck
{
    private readonly string _executable;
    private readonly string[] _versionArguments;
    private readonly string _installCommand;
    private readonly string _purpose;
    private readonly string[] _extraDirs;

    /// <summary>Creates the check.</summary>
    /// <param name="name">Check name.</param>
    /// <param name="required">Whether a missing tool fails doctor.</param>
    /// <param name="executable">Executable name (or full path).</param>
    /// <param name="versionArguments">Arguments that make it print its version; the first output line is shown.</param>
    /// <param name="installCommand">The fix.</param>
    /// <param name="purpose">What needs it, for the message.</param>
    /// <param name="extraDirs">Folders searched after PATH (e.g. /usr/sbin for daemons).</param>
    public ToolOnPathCheck(string name, bool required, string executable, string[] versionArguments, string installCommand,
        string purpose, params string[] extraDirs)
    {
        Name = name;
        Required = required;
        _executable = executable;
        _versionArguments = versionArguments;
        _installCommand = installCommand;
        _purpose = purpose;
        _extraDirs = extraDirs;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override bool Required { get; }

    /// <inheritdoc/>
    protected override string? FixOnError => _installCommand;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        string? path = context.FindOnPath(_executable, _extraDirs);
        if (path is null)
            return Fail($"'{_executable}' not found on PATH ({_purpose} needs it).", _installCommand);
        // Some tools (mosquitto -h) exit non-zero after printing their version; the text is what matters.
        var (_, output) = context.RunTool(path, _versionArguments);
        string version = string.Join(' ', output.Split('\n', 2)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Ok(version.Length > 0 ? $"{version} ({path})" : path);
    }
}
