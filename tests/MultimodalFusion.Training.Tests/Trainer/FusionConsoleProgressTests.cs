using MultimodalFusion.Training.Trainer;
using Spectre.Console;

namespace MultimodalFusion.Training.Tests.Trainer;

/// <summary>The epoch bar is drawn on interactive consoles only; CI=true or redirected output get plain log lines.</summary>
public sealed class FusionConsoleProgressTests
{
    private static IAnsiConsole Console(StringWriter writer, bool interactive) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
        Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });

    private static int FakeRun(IProgress<FusionEpoch>? progress)
    {
        for (int e = 1; e <= 3; e++)
            progress?.Report(new FusionEpoch(e, 1.0 / e, 0.2 * e, 1e-3));
        return progress is null ? 0 : 1;
    }

    [Fact]
    public void InteractiveConsoleDrawsTheBar()
    {
        var writer = new StringWriter();
        int reported = FusionConsoleProgress.Run(Console(writer, true), 3, 0, FakeRun, _ => null);
        Assert.Equal(1, reported);
        Assert.Contains("epoch 3/3", writer.ToString());
        Assert.Contains("100%", writer.ToString());
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "true")]
    [InlineData(true, "1")]
    public void CiOrRedirectedOutputDrawsNothing(bool interactive, string? ci)
    {
        var writer = new StringWriter();
        var console = Console(writer, interactive);
        Assert.False(FusionConsoleProgress.IsInteractive(console, name => name == "CI" ? ci : null));
        int reported = FusionConsoleProgress.Run(console, 3, 0, FakeRun, name => name == "CI" ? ci : null);
        Assert.Equal(0, reported);
        Assert.Equal("", writer.ToString());
    }
}
