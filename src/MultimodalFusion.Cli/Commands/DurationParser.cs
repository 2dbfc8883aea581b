using System.Globalization;

namespace MultimodalFusion.Cli.Commands;

/// <summary>Parses durations written as <c>2s</c>, <c>500ms</c>, <c>1.5m</c>, <c>250us</c> or <c>00:00:02</c>.</summary>
internal static class DurationParser
{
    /// <summary>The accepted forms, for help text.</summary>
    public const string Forms = "e.g. 2s, 500ms, 1.5m or 00:00:02";

    /// <summary>Parses <paramref name="text"/>; false with an error message naming it when malformed or negative.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        value = default;
        error = null;
        string s = text.Trim();
        (string suffix, double scale)[] units = [("ms", 1e-3), ("us", 1e-6), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(s[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double n))
            {
                if (n < 0 || double.IsNaN(n) || double.IsInfinity(n))
                    break;
                value = TimeSpan.FromSeconds(n * scale);
                return true;
            }
        }
        if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero)
            return true;
        error = $"'{text}' is not a duration ({Forms}).";
        return false;
    }
}
