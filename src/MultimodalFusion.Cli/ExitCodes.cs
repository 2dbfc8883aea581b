namespace MultimodalFusion.Cli;

/// <summary>Process exit codes of every <c>mmf</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Finished: every source ended or the user stopped the run, and nothing failed.</summary>
    public const int Success = 0;

    /// <summary>Something failed (a source that could not be opened or died for good); the message says what.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: an unknown option, a malformed value or source.</summary>
    public const int Usage = 2;
}
