namespace MultimodalFusion.Training.Cli;

/// <summary>Process exit codes of <c>mmf-train</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and failed (missing data, bad cache, training or export error).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (unknown option, bad value); nothing was run.</summary>
    public const int Usage = 2;
}
