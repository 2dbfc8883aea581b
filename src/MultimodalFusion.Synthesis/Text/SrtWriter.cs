using System.Globalization;
using System.Text;

namespace MultimodalFusion.Synthesis.Text;

/// <summary>Writes SubRip (.srt) files: numbered cues, <c>HH:MM:SS,mmm --> HH:MM:SS,mmm</c>, text, blank line.</summary>
/// <remarks>UTF-8 without BOM, LF line ends; times are rounded to milliseconds. Stateless, thread-safe.</remarks>
public static class SrtWriter
{
    /// <summary>Writes <paramref name="cues"/> (in time order) to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<SrtCue> cues)
    {
        var text = new StringBuilder();
        int index = 1;
        foreach (var cue in cues)
        {
            if (cue.End < cue.Start)
                throw new ArgumentException($"cue {index} ends before it starts ({cue.Start} > {cue.End}) writing {path}.");
            text.Append(index++.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append(Format(cue.Start)).Append(" --> ").Append(Format(cue.End)).Append('\n');
            // A blank line ends a cue in SRT, so blank lines inside the text are dropped (any number of them).
            var lines = cue.Text.Replace("\r", "").Split('\n').Where(l => l.Trim().Length > 0);
            text.Append(string.Join('\n', lines)).Append("\n\n");
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary><c>HH:MM:SS,mmm</c>.</summary>
    public static string Format(TimeSpan time)
    {
        long ms = (long)Math.Round(time.TotalMilliseconds, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:D2}:{ms / 60_000 % 60:D2}:{ms / 1000 % 60:D2},{ms % 1000:D3}");
    }
}
