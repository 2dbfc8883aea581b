using System.Text.Json;

namespace MultimodalFusion.Capture.Text;

/// <summary>Parses transcript JSON lines: one object per line, times in seconds from the media's start.</summary>
/// <remarks>
/// <para>Schema of one line (unknown members are ignored, blank lines skipped):</para>
/// <code>{"start": 1.2, "end": 2.5, "text": "go forward", "confidence": 0.9, "final": true}</code>
/// <list type="bullet">
/// <item><c>text</c> (string, required): what was said.</item>
/// <item><c>start</c>, <c>end</c> (numbers, seconds &gt;= 0, end &gt;= start): required in files; in a live
/// stream both may be left out (the arrival time is used) and a missing <c>end</c> equals <c>start</c>.</item>
/// <item><c>confidence</c> (number 0..1, default 1), <c>final</c> (boolean, default true; false marks a
/// partial hypothesis that a later line with the same start replaces).</item>
/// </list>
/// A line that breaks the schema throws <see cref="TranscriptFormatException"/> naming file and line. Thread-safe.
/// </remarks>
public static class JsonLinesTranscriptParser
{
    /// <summary>Parses one line (not blank); <paramref name="fileName"/> and <paramref name="lineNumber"/> go into errors.</summary>
    public static JsonTranscriptLine ParseLine(string json, string fileName, int lineNumber)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad("expected a JSON object");
            if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
                throw Bad("\"text\" (a string) is required");
            double? start = Seconds(root, "start"), end = Seconds(root, "end");
            if (start is null && end is not null)
                throw Bad("\"end\" without \"start\"");
            end ??= start;
            if (end < start)
                throw Bad($"\"end\" ({end}) is before \"start\" ({start})");
            float confidence = 1f;
            if (root.TryGetProperty("confidence", out var c))
            {
                if (c.ValueKind != JsonValueKind.Number || c.GetDouble() is < 0 or > 1)
                    throw Bad("\"confidence\" must be a number in [0, 1]");
                confidence = (float)c.GetDouble();
            }
            bool final = true;
            if (root.TryGetProperty("final", out var f))
            {
                if (f.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw Bad("\"final\" must be true or false");
                final = f.GetBoolean();
            }
            return new JsonTranscriptLine(start, end, textElement.GetString()!.Trim(), confidence, final);
        }
        catch (JsonException e)
        {
            throw new TranscriptFormatException(fileName, lineNumber, $"not valid JSON ({e.Message}).");
        }

        double? Seconds(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
                return null;
            if (v.ValueKind != JsonValueKind.Number || v.GetDouble() is var s && (s < 0 || !double.IsFinite(s)))
                throw Bad($"\"{name}\" must be a number of seconds >= 0");
            return v.GetDouble();
        }

        TranscriptFormatException Bad(string why) => new(fileName, lineNumber, why + ".");
    }

    /// <summary>Parses a whole file's lines into cues; every line must carry start and end.</summary>
    public static List<TranscriptCue> Parse(TextReader reader, string fileName)
    {
        var cues = new List<TranscriptCue>();
        int lineNumber = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (text.Trim().Length == 0)
                continue;
            var line = ParseLine(text, fileName, lineNumber);
            if (line.StartSeconds is not { } start || line.EndSeconds is not { } end)
                throw new TranscriptFormatException(fileName, lineNumber, "a transcript file needs \"start\" and \"end\" on every line.");
            cues.Add(new TranscriptCue(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), line.Text, line.Confidence, line.IsFinal, lineNumber));
        }
        return cues;
    }

    /// <summary>Parses the file at <paramref name="path"/>.</summary>
    public static List<TranscriptCue> ParseFile(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }
}
