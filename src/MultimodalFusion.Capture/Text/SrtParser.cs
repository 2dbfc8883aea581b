namespace MultimodalFusion.Capture.Text;

/// <summary>Parses SubRip (.srt) subtitles: blocks of an index, a timing line and text, separated by blank lines.</summary>
/// <remarks>
/// Tolerant where players are (missing or wrong index numbers, '.' instead of ',', coordinates after
/// the end time, CRLF, a BOM, extra blank lines); strict where the timing would be wrong: a bad timing
/// line, an end before the start or text without a timing line throws
/// <see cref="TranscriptFormatException"/> with the file and line. Stateless and thread-safe.
/// </remarks>
public static class SrtParser
{
    /// <summary>Parses all cues of <paramref name="reader"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static List<TranscriptCue> Parse(TextReader reader, string fileName)
    {
        var cues = new List<TranscriptCue>();
        var text = new List<string>();
        (TimeSpan Start, TimeSpan End, int Line)? timing = null;
        int lineNumber = 0;
        int blockStart = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1)
                line = line.TrimStart('\uFEFF');
            if (line.Trim().Length == 0)
            {
                Close();
                continue;
            }
            if (blockStart == 0)
                blockStart = lineNumber;
            if (timing is null)
            {
                if (CueTimestamps.IsTimingLine(line))
                {
                    var (start, end) = CueTimestamps.ParseSrt(line, fileName, lineNumber);
                    timing = (start, end, lineNumber);
                }
                else if (lineNumber != blockStart || !IsIndex(line))
                {
                    throw new TranscriptFormatException(fileName, lineNumber, $"expected a cue number or a timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found '{Shorten(line)}'.");
                }
                continue;
            }
            text.Add(line);
        }
        Close();
        return cues;

        void Close()
        {
            if (timing is { } t)
                cues.Add(new TranscriptCue(t.Start, t.End, CueText.Clean(text), LineNumber: t.Line));
            else if (blockStart != 0)
                throw new TranscriptFormatException(fileName, blockStart, "cue number without a timing line.");
            timing = null;
            text.Clear();
            blockStart = 0;
        }
    }

    /// <summary>Parses the file at <paramref name="path"/> (UTF-8, BOM allowed).</summary>
    public static List<TranscriptCue> ParseFile(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }

    private static bool IsIndex(string line) => line.Trim().All(char.IsAsciiDigit);

    internal static string Shorten(string line) => line.Length <= 60 ? line.Trim() : line[..57].Trim() + "...";
}
