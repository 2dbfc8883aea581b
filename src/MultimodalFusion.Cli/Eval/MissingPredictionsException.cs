namespace MultimodalFusion.Cli.Eval;

/// <summary>Thrown when ground-truth files have no prediction file; the message names every missing file.</summary>
public sealed class MissingPredictionsException : Exception
{
    /// <summary>Creates the exception for <paramref name="missingFiles"/> (file names) expected in <paramref name="directory"/>.</summary>
    public MissingPredictionsException(string directory, IReadOnlyList<string> missingFiles)
        : base($"{missingFiles.Count} prediction file(s) missing from {directory}: {string.Join(", ", missingFiles)}")
    {
        Directory = directory;
        MissingFiles = missingFiles;
    }

    /// <summary>The prediction folder.</summary>
    public string Directory { get; }

    /// <summary>The missing file names (with extension), in ground-truth order.</summary>
    public IReadOnlyList<string> MissingFiles { get; }
}
