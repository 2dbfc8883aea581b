using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Pipeline.Alignment;
using Spectre.Console;
using static MultimodalFusion.Apps.Tests.Emotion.TestReadings;

namespace MultimodalFusion.Apps.Tests.Emotion;

public sealed class EmotionLiveViewTests
{
    private static (IAnsiConsole Console, StringWriter Text) Console(bool interactive)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 120;
        return (console, text);
    }

    [Fact]
    public void A_console_that_is_not_a_terminal_gets_one_plain_line_per_window()
    {
        var (console, text) = Console(interactive: true);
        var view = new EmotionLiveView(console);
        Assert.False(view.Interactive); // a StringWriter is not a terminal
        view.Render(Make(2 * Second, 4 * Second, 4, 0.42f, -0.1f, ModalityMask.Video | ModalityMask.Audio, 0.3f, -0.05f), 9.75, TimeSpan.FromMilliseconds(120));
        view.Render(Make(2 * Second + Second / 2, 4 * Second + Second / 2, 1, -0.6f, 0.7f), 10, TimeSpan.FromMilliseconds(95));
        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("[2.00s-4.00s] V +0.42 (smoothed +0.30) A -0.10 (smoothed -0.05) Happiness 70% present=video+audio fps=9.8 latency=120ms", lines[0].TrimEnd());
        Assert.Contains("V -0.60", lines[1]);
        Assert.Contains("Anger 70%", lines[1]);
        Assert.Contains("present=video+audio+text", lines[1]);
    }

    [Fact]
    public void The_interactive_panel_shows_va_bars_expression_bars_mask_fps_and_latency()
    {
        var (console, text) = Console(interactive: true);
        var view = new EmotionLiveView(console, interactive: true);
        view.Render(Make(0, 2 * Second, 5, -0.5f, 1f, ModalityMask.Audio | ModalityMask.Text, -0.4f, 0.9f), 12.5, TimeSpan.FromMilliseconds(250));
        string s = text.ToString();
        Assert.Contains("Emotion monitor", s);
        Assert.Contains("-0.40 (raw -0.50)", s);
        Assert.Contains("+0.90 (raw +1.00)", s);
        Assert.Contains("Sadness", s);
        Assert.Contains("70", s); // the top expression's bar value
        Assert.Contains("present=audio+text", s);
        Assert.Contains("fps=12.5", s);
        Assert.Contains("latency=250ms", s);
        // Valence -0.4 smoothed: 6 of 15 cells filled left of centre; arousal 0.9: 14 right.
        Assert.Contains("·········██████|···············", s);
        Assert.Contains("···············|██████████████·", s);
    }
}
