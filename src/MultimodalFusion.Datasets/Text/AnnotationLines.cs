using System.Globalization;

namespace MultimodalFusion.Datasets.Text;

/// <summary>
/// Reads the line-per-frame text files of the datasets: a header line, then one data line per frame.
/// </summary>
/// <remarks>
/// Tolerates what real files contain: a UTF-8 BOM, CRLF or LF line endings, blank lines at the end. A blank
/// line followed by more data is an error (every data line is a frame, so a hole would shift every later
/// frame). Not thread-safe; owns the <see cref="TextReader"/> it was given and disposes it.
/// </remarks>
internal sealed class AnnotationLines : IDisposable
{
    private readonly TextReader _reader;
    private int _lineNumber;

    public AnnotationLines(TextReader reader, string fileName)
    {
        _reader = reader;
        FileName = fileName;
    }

    /// <summary>The path (or name) used in error messages.</summary>
    public string FileName { get; }

    /// <summary>Opens <paramref name="path"/>; a missing file throws <see cref="FileNotFoundException"/> naming it and <paramref name="what"/>.</summary>
    public static AnnotationLines Open(string path, string what)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{what} not found: {path}", path);
        return new AnnotationLines(new StreamReader(path, detectEncodingFromByteOrderMarks: true), path);
    }

    /// <summary>Reads the header line; an empty file is an error at line 1.</summary>
    public string ReadHeader()
    {
        if (!TryReadDataLine(out string line, out _))
            throw new DatasetFormatException(FileName, 1, "the file is empty; expected a header line.");
        return line;
    }

    /// <summary>Reads the next non-blank line; false at the end (trailing blank lines are skipped).</summary>
    public bool TryReadDataLine(out string line, out int lineNumber)
    {
        int firstBlank = 0;
        string? raw;
        while ((raw = _reader.ReadLine()) is not null)
        {
            _lineNumber++;
            if (_lineNumber == 1)
                raw = raw.TrimStart('\uFEFF');
            if (raw.Trim().Length == 0)
            {
                if (firstBlank == 0)
                    firstBlank = _lineNumber;
                continue;
            }
            if (firstBlank != 0)
                throw new DatasetFormatException(FileName, firstBlank, "blank line before more data; every line after the header is one frame.");
            line = raw;
            lineNumber = _lineNumber;
            return true;
        }
        line = "";
        lineNumber = _lineNumber;
        return false;
    }

    /// <summary>Splits a data line on commas into exactly <paramref name="columns"/> trimmed fields.</summary>
    public string[] Split(string line, int lineNumber, int columns)
    {
        string[] fields = line.Split(',');
        if (fields.Length != columns)
            throw new DatasetFormatException(FileName, lineNumber, $"expected {columns} comma-separated value(s), found {fields.Length}: '{Shorten(line)}'.");
        for (int i = 0; i < fields.Length; i++)
            fields[i] = fields[i].Trim();
        return fields;
    }

    /// <summary>Parses a finite invariant-culture number.</summary>
    public float ParseFloat(string field, int lineNumber, string column)
    {
        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new DatasetFormatException(FileName, lineNumber, $"{column}: '{Shorten(field)}' is not a number.");
        return value;
    }

    /// <summary>Parses an invariant-culture integer (no fraction, no exponent).</summary>
    public int ParseInt(string field, int lineNumber, string column)
    {
        if (!int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw new DatasetFormatException(FileName, lineNumber, $"{column}: '{Shorten(field)}' is not an integer.");
        return value;
    }

    /// <summary>Cuts long text for messages.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text.Trim() : text[..57].Trim() + "...";

    public void Dispose() => _reader.Dispose();
}
