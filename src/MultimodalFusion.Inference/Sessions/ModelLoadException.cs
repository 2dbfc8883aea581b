namespace MultimodalFusion.Inference.Sessions;

/// <summary>A model file could not be loaded or does not match its manifest; the message names the file and the mismatch.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="modelPath"/>.</summary>
    public ModelLoadException(string modelPath, string message, Exception? inner = null)
        : base($"{modelPath}: {message}", inner)
    {
        ModelPath = modelPath;
    }

    /// <summary>The model (or manifest) file concerned.</summary>
    public string ModelPath { get; }
}
