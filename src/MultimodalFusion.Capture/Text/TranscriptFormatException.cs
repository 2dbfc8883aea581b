namespace MultimodalFusion.Capture.Text;

/// <summary>A subtitle or transcript line could not be parsed; the message starts with <c>file:line:</c>.</summary>
public sealed class TranscriptFormatException : FormatException
{
    /// <summary>Creates the exception for line <paramref name="lineNumber"/> (1-based) of <paramref name="fileName"/>.</summary>
    public TranscriptFormatException(string fileName, int lineNumber, string message)
        : base($"{fileName}:{lineNumber}: {message}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
    }

    /// <summary>The file (or stream name such as "stdin").</summary>
    public string FileName { get; }

    /// <summary>1-based line number.</summary>
    public int LineNumber { get; }
}
