namespace MultimodalFusion.Core.Sources;

/// <summary>A capture source failed; the message names the device, file or (redacted) URL.</summary>
public sealed class SourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sourceDescription">The source, redacted (see <see cref="Diagnostics.CredentialRedactor"/>).</param>
    /// <param name="message">What went wrong, for a person.</param>
    /// <param name="isTransient">True when retrying may help (a stream that dropped); false for a missing file or a bad format.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SourceException(string sourceDescription, string message, bool isTransient, Exception? inner = null)
        : base($"{sourceDescription}: {message}", inner)
    {
        SourceDescription = sourceDescription;
        IsTransient = isTransient;
    }

    /// <summary>The source, redacted.</summary>
    public string SourceDescription { get; }

    /// <summary>True when a restart may help.</summary>
    public bool IsTransient { get; }
}
