namespace MultimodalFusion.Datasets;

/// <summary>
/// A dataset, prediction or cache file does not follow its format; the message starts with
/// <c>file:line:</c> for text files and <c>file:</c> for binary ones (.npy, cache.json).
/// </summary>
/// <remarks>
/// The one exception type of this project for bad content: a bad header, a wrong column count, a value that
/// is not a number or is out of range, a truncated array, a shape that disagrees with <c>cache.json</c>.
/// A missing file is a <see cref="FileNotFoundException"/> (or <see cref="DirectoryNotFoundException"/>) whose
/// message names the path.
/// </remarks>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="file"/>, at 1-based <paramref name="line"/> when it is a text file.</summary>
    public DatasetFormatException(string file, int? line, string message)
        : base(line is { } l ? $"{file}:{l}: {message}" : $"{file}: {message}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The file the bad content was found in (the path as given to the reader).</summary>
    public string File { get; }

    /// <summary>1-based line number for text files; null for binary files and whole-file problems.</summary>
    public int? Line { get; }
}
