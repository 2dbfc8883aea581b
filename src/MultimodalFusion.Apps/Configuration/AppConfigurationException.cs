namespace MultimodalFusion.Apps.Configuration;

/// <summary>Configuration that cannot run: every problem found, each naming its key, credentials already redacted.</summary>
public sealed class AppConfigurationException : Exception
{
    /// <summary>An exception listing <paramref name="errors"/>.</summary>
    public AppConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid configuration: " + string.Join(" ", errors)) => Errors = errors;

    /// <summary>The problems, one per entry.</summary>
    public IReadOnlyList<string> Errors { get; }
}
