namespace MultimodalFusion.Cli.Eval;

/// <summary>
/// <c>mmf eval --model</c> cannot run: no fusion model for the task in the model folder, a model that does not fit the
/// feature cache, videos whose features failed. The message names the folder, model or videos (exit code 1).
/// </summary>
public sealed class ModelEvalException : Exception
{
    /// <summary>Creates the exception with a message that names what is wrong.</summary>
    public ModelEvalException(string message)
        : base(message)
    {
    }
}
