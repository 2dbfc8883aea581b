namespace MultimodalFusion.Cli.Doctor;

/// <summary>Outcome of one <c>mmf doctor</c> check.</summary>
public enum CheckStatus
{
    /// <summary>Present and working.</summary>
    Ok = 0,

    /// <summary>Missing or degraded, but the product still runs (optional piece, or a fallback exists).</summary>
    Warn = 1,

    /// <summary>Missing or broken; a required check in this state makes <c>mmf doctor</c> exit 1.</summary>
    Fail = 2,
}
