using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MultimodalFusion.Training.Cli;

/// <summary>Option parsers shared by the commands; each error names its option.</summary>
internal static class CliOptions
{
    /// <summary>A duration option accepting 2s, 500ms, 1.5m or 00:00:02; must be positive.</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} (e.g. 2s, 500ms, 00:00:02; default {defaultValue.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TryParseDuration(text, out var value) && value > TimeSpan.Zero)
                return value;
            result.AddError($"{name}: '{text}' is not a positive duration (e.g. 2s, 500ms, 00:00:02).");
            return defaultValue;
        },
    };

    /// <summary>Requires the option's value to be one of <paramref name="allowed"/>, with a message naming the option.</summary>
    public static Option<string> OneOf(Option<string> option, params string[] allowed)
    {
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
                result.AddError($"{option.Name}: '{value}' is not one of {string.Join(", ", allowed)}.");
        });
        return option;
    }

    /// <summary>Parses 2s, 500ms, 250us, 1.5m, 1h or a TimeSpan (00:00:02).</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        string s = text.Trim();
        foreach (var (suffix, scale) in new (string, double)[] { ("ms", 1e-3), ("us", 1e-6), ("s", 1), ("m", 60), ("h", 3600) })
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(s[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n))
            {
                value = TimeSpan.FromSeconds(n * scale);
                return true;
            }
        }
        return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value);
    }
}
