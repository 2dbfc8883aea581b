using MultimodalFusion.Cli.Commands;

namespace MultimodalFusion.Cli.Tests;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("2s", 2_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5m", 90_000)]
    [InlineData("250us", 0.25)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:02", 2_000)]
    [InlineData("00:00:00.5", 500)]
    public void Parses_suffixes_and_timespans(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var value, out string? error), error);
        Assert.Equal(expectedMs, value.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("two seconds")]
    [InlineData("-1s")]
    [InlineData("5 parsecs")]
    public void Rejects_malformed_or_negative_values_naming_them(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _, out string? error));
        Assert.Contains($"'{text}'", error);
    }
}
