using System.Globalization;
using System.Text.RegularExpressions;

namespace MultimodalFusion.Capture.Text;

/// <summary>Parses the timing lines of SRT (<c>00:00:01,000 --> 00:00:03,800</c>) and WebVTT (<c>01.000 --> 03.800 align:start</c>) cues.</summary>
internal static partial class CueTimestamps
{
    /// <summary>True when <paramref name="line"/> looks like a timing line (contains the arrow).</summary>
    public static bool IsTimingLine(string line) => line.Contains("-->", StringComparison.Ordinal);

    /// <summary>Parses an SRT timing line; hours are required, the fraction separator may be ',' or '.'.</summary>
    public static (TimeSpan Start, TimeSpan End) ParseSrt(string line, string file, int lineNumber) =>
        Parse(SrtTiming().Match(line), line, file, lineNumber, "HH:MM:SS,mmm --> HH:MM:SS,mmm");

    /// <summary>Parses a WebVTT timing line; hours are optional, cue settings after the end time are ignored.</summary>
    public static (TimeSpan Start, TimeSpan End) ParseVtt(string line, string file, int lineNumber) =>
        Parse(VttTiming().Match(line), line, file, lineNumber, "[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm [settings]");

    private static (TimeSpan, TimeSpan) Parse(Match m, string line, string file, int lineNumber, string expected)
    {
        if (!m.Success)
            throw new TranscriptFormatException(file, lineNumber, $"bad timing line '{line.Trim()}'; expected {expected}.");
        TimeSpan start = Time(m, "s", file, lineNumber), end = Time(m, "e", file, lineNumber);
        if (end < start)
            throw new TranscriptFormatException(file, lineNumber, $"cue ends ({end}) before it starts ({start}).");
        return (start, end);
    }

    private static TimeSpan Time(Match m, string p, string file, int lineNumber)
    {
        int hours = m.Groups[p + "h"].Success ? int.Parse(m.Groups[p + "h"].Value, CultureInfo.InvariantCulture) : 0;
        int minutes = int.Parse(m.Groups[p + "m"].Value, CultureInfo.InvariantCulture);
        int seconds = int.Parse(m.Groups[p + "s"].Value, CultureInfo.InvariantCulture);
        int millis = int.Parse(m.Groups[p + "f"].Value, CultureInfo.InvariantCulture);
        if (minutes > 59 || seconds > 59)
            throw new TranscriptFormatException(file, lineNumber, $"minutes and seconds must be below 60 in '{m.Value.Trim()}'.");
        return new TimeSpan(0, hours, minutes, seconds, millis);
    }

    [GeneratedRegex(@"^\s*(?<sh>\d+):(?<sm>\d{2}):(?<ss>\d{2})[,.](?<sf>\d{3})\s*-->\s*(?<eh>\d+):(?<em>\d{2}):(?<es>\d{2})[,.](?<ef>\d{3})(\s.*)?$")]
    private static partial Regex SrtTiming();

    [GeneratedRegex(@"^\s*(?:(?<sh>\d+):)?(?<sm>\d{2}):(?<ss>\d{2})\.(?<sf>\d{3})\s+-->\s+(?:(?<eh>\d+):)?(?<em>\d{2}):(?<es>\d{2})\.(?<ef>\d{3})(\s.*)?$")]
    private static partial Regex VttTiming();
}
