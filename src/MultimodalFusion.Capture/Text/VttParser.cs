namespace MultimodalFusion.Capture.Text;

/// <summary>Parses WebVTT (.vtt) captions: the WEBVTT header, NOTE/STYLE/REGION blocks, cue identifiers, cue settings.</summary>
/// <remarks>
/// Hours are optional (<c>01.000</c> or <c>00:00:01.000</c>); settings after the end time
/// (<c>align:start position:10%</c>) are ignored; voice/class/timestamp tags are removed from the text.
/// A missing header, a bad timing line or an end before the start throws
/// <see cref="TranscriptFormatException"/> with the file and line. Stateless and thread-safe.
/// </remarks>
public static class VttParser
{
    /// <summary>Parses all cues of <paramref name="reader"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static List<TranscriptCue> Parse(TextReader reader, string fileName)
    {
        var cues = new List<TranscriptCue>();
        string? line = reader.ReadLine();
        int lineNumber = 1;
        string header = line?.TrimStart('\uFEFF') ?? string.Empty;
        if (!header.StartsWith("WEBVTT", StringComparison.Ordinal) || (header.Length > 6 && header[6] is not (' ' or '\t')))
            throw new TranscriptFormatException(fileName, 1, "a WebVTT file must start with 'WEBVTT'.");

        // Header lines run until the first blank line.
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                break;
        }

        var block = new List<(string Text, int Line)>();
        while (true)
        {
            line = reader.ReadLine();
            if (line is not null)
                lineNumber++;
            if (line is null || line.Trim().Length == 0)
            {
                if (block.Count > 0)
                    AddBlock(block, cues, fileName);
                block.Clear();
                if (line is null)
                    return cues;
                continue;
            }
            block.Add((line, lineNumber));
        }
    }

    /// <summary>Parses the file at <paramref name="path"/> (UTF-8, BOM allowed).</summary>
    public static List<TranscriptCue> ParseFile(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }

    private static void AddBlock(List<(string Text, int Line)> block, List<TranscriptCue> cues, string fileName)
    {
        string first = block[0].Text;
        if (IsKeywordBlock(first, "NOTE") || IsKeywordBlock(first, "STYLE") || IsKeywordBlock(first, "REGION"))
            return;
        // An optional identifier line comes before the timing line.
        int timingIndex = CueTimestamps.IsTimingLine(first) ? 0 : 1;
        if (timingIndex >= block.Count || !CueTimestamps.IsTimingLine(block[timingIndex].Text))
        {
            var (text, line) = block[Math.Min(timingIndex, block.Count - 1)];
            throw new TranscriptFormatException(fileName, line, $"expected a cue timing line '[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm', found '{SrtParser.Shorten(text)}'.");
        }
        var timing = block[timingIndex];
        var (start, end) = CueTimestamps.ParseVtt(timing.Text, fileName, timing.Line);
        cues.Add(new TranscriptCue(start, end, CueText.Clean(block.Skip(timingIndex + 1).Select(b => b.Text)), LineNumber: timing.Line));
    }

    private static bool IsKeywordBlock(string line, string keyword) =>
        line.StartsWith(keyword, StringComparison.Ordinal) && (line.Length == keyword.Length || line[keyword.Length] is ' ' or '\t');
}
