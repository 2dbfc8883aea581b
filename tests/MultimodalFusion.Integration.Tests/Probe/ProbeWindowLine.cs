using System.Globalization;
using System.Text.RegularExpressions;

namespace MultimodalFusion.Integration.Tests.Probe;

/// <summary>One "window" line of <c>mmf probe</c>'s output, parsed back into numbers.</summary>
internal sealed partial record ProbeWindowLine(long Index, double Start, double End, int Frames, double AudioSeconds, string Text, string Present, string Reason)
{
    public static IReadOnlyList<ProbeWindowLine> ParseAll(string stdout) =>
        stdout.Split('\n').Select(l => Line().Match(l)).Where(m => m.Success).Select(m => new ProbeWindowLine(
            long.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["e"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["f"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture),
            m.Groups["t"].Value.Trim('"'),
            m.Groups["p"].Value,
            m.Groups["r"].Value)).ToList();

    [GeneratedRegex(@"^window\s+(?<i>\d+) \[\s*(?<s>-?[\d.]+)s,\s*(?<e>-?[\d.]+)s\)\s+video\s+(?<f>\d+) fr\s+audio (?<a>[\d.]+)s\s+text (?<t>""[^""]*""|-)\s+present=(?<p>\S+).*\bby (?<r>\w+),")]
    private static partial Regex Line();
}
