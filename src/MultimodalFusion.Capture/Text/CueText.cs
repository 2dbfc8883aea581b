using System.Net;
using System.Text.RegularExpressions;

namespace MultimodalFusion.Capture.Text;

/// <summary>Turns cue payload lines into plain text: markup tags removed, entities decoded, lines joined with one space.</summary>
internal static partial class CueText
{
    public static string Clean(IEnumerable<string> lines)
    {
        string joined = string.Join(' ', lines.Select(l => l.Trim()).Where(l => l.Length > 0));
        string untagged = AssTag().Replace(Tag().Replace(joined, string.Empty), string.Empty);
        return Spaces().Replace(WebUtility.HtmlDecode(untagged), " ").Trim();
    }

    // <i>, </b>, <v Roger>, <c.loud>, <00:00:01.500> (VTT karaoke timestamps), <font color=...>
    [GeneratedRegex(@"</?(?:[A-Za-z0-9][A-Za-z0-9.:_ =""'#-]*)?>")]
    private static partial Regex Tag();

    // {\an8} positioning codes that some SRT files carry.
    [GeneratedRegex(@"\{\\[^}]*\}")]
    private static partial Regex AssTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
