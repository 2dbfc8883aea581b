using System.Globalization;
using System.Text;
using MultimodalFusion.Pipeline.Alignment;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>Shows the latest emotion reading in a terminal: valence/arousal bars, expression bars, modality mask, fps and latency.</summary>
/// <remarks>
/// On an interactive terminal each <see cref="Render"/> clears the screen and draws a panel. Otherwise (CI=true,
/// output redirected, or a console that is not a terminal) it writes one plain, invariant-culture line per window
/// so logs stay readable. Not thread-safe: call from the one loop that consumes readings.
/// </remarks>
public sealed class EmotionLiveView
{
    private const int VaBarHalfWidth = 15;
    private readonly IAnsiConsole _console;

    /// <summary>Creates a view whose mode follows <see cref="IsInteractive"/>.</summary>
    public EmotionLiveView(IAnsiConsole console) : this(console, IsInteractive(console)) { }

    /// <summary>Creates a view with an explicit mode.</summary>
    /// <param name="console">Where to draw; not owned.</param>
    /// <param name="interactive">True for the redrawn panel, false for one plain line per window.</param>
    public EmotionLiveView(IAnsiConsole console, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        Interactive = interactive;
    }

    /// <summary>Whether the view redraws a panel (true) or writes plain lines (false).</summary>
    public bool Interactive { get; }

    /// <summary>Clock time shown as 0 s (the start of the run); window times are shown relative to it. Default 0.</summary>
    public long OriginMicros { get; set; }

    /// <summary>True when <paramref name="console"/> is an interactive terminal and the CI variable is not set to true/1.</summary>
    public static bool IsInteractive(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        string? ci = Environment.GetEnvironmentVariable("CI");
        bool onCi = ci is not null && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
        return !onCi && console.Profile.Capabilities.Interactive && console.Profile.Out.IsTerminal;
    }

    /// <summary>Shows <paramref name="reading"/>.</summary>
    /// <param name="reading">The latest window's reading.</param>
    /// <param name="fps">Windows (or frames) per second the caller measured.</param>
    /// <param name="latency">From window end to this reading, as the caller measured it.</param>
    public void Render(EmotionReading reading, double fps, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!Interactive)
        {
            _console.WriteLine(PlainLine(reading with { StartMicros = reading.StartMicros - OriginMicros, EndMicros = reading.EndMicros - OriginMicros }, fps, latency));
            return;
        }
        _console.Clear(true);
        _console.Write(Panel(reading with { StartMicros = reading.StartMicros - OriginMicros, EndMicros = reading.EndMicros - OriginMicros }, fps, latency));
    }

    /// <summary>The plain one-line form of a reading (what non-interactive consoles get).</summary>
    public static string PlainLine(EmotionReading reading, double fps, TimeSpan latency) => string.Format(CultureInfo.InvariantCulture,
        "[{0:F2}s-{1:F2}s] V {2:+0.00;-0.00} (smoothed {3:+0.00;-0.00}) A {4:+0.00;-0.00} (smoothed {5:+0.00;-0.00}) {6} {7:F0}% present={8} fps={9:F1} latency={10:F0}ms",
        reading.StartMicros / 1e6, reading.EndMicros / 1e6, reading.Valence, reading.SmoothedValence, reading.Arousal,
        reading.SmoothedArousal, reading.TopExpression, reading.TopProbability * 100, MaskText(reading.Present), fps,
        latency.TotalMilliseconds);

    private static IRenderable Panel(EmotionReading r, double fps, TimeSpan latency)
    {
        var c = CultureInfo.InvariantCulture;
        var va = new Grid().AddColumn().AddColumn().AddColumn();
        va.AddRow(new Markup("Valence"), new Markup(VaBar(r.SmoothedValence, "green")),
            new Text(string.Format(c, "{0:+0.00;-0.00} (raw {1:+0.00;-0.00})", r.SmoothedValence, r.Valence)));
        va.AddRow(new Markup("Arousal"), new Markup(VaBar(r.SmoothedArousal, "orange1")),
            new Text(string.Format(c, "{0:+0.00;-0.00} (raw {1:+0.00;-0.00})", r.SmoothedArousal, r.Arousal)));

        var bars = new BarChart { Width = 60, MaxValue = 100, ShowValues = true, Culture = c };
        for (int i = 0; i < EmotionLabels.Count; i++)
            bars.AddItem(EmotionLabels.Expressions[i], Math.Round(r.Expressions[i] * 100, 1), i == r.TopIndex ? Color.Yellow : Color.Grey);

        string status = string.Format(c, "window {0:F2}s-{1:F2}s  present={2}  fps={3:F1}  latency={4:F0}ms  top={5}",
            r.StartMicros / 1e6, r.EndMicros / 1e6, MaskText(r.Present), fps, latency.TotalMilliseconds, r.TopExpression);
        return new Panel(new Rows(va, bars, new Text(status))).Header("Emotion monitor");
    }

    /// <summary>A bar centred on zero: filled to the left for negative values, to the right for positive.</summary>
    private static string VaBar(float value, string color)
    {
        int cells = (int)Math.Round(Math.Clamp(value, -1f, 1f) * VaBarHalfWidth);
        var left = new StringBuilder(VaBarHalfWidth);
        var right = new StringBuilder(VaBarHalfWidth);
        for (int i = -VaBarHalfWidth; i < 0; i++) left.Append(cells <= i ? '█' : '·');
        for (int i = 1; i <= VaBarHalfWidth; i++) right.Append(cells >= i ? '█' : '·');
        return $"[{color}]{left}[/]|[{color}]{right}[/]";
    }

    private static string MaskText(ModalityMask mask)
    {
        if (mask == ModalityMask.None) return "none";
        var parts = new List<string>(3);
        if ((mask & ModalityMask.Video) != 0) parts.Add("video");
        if ((mask & ModalityMask.Audio) != 0) parts.Add("audio");
        if ((mask & ModalityMask.Text) != 0) parts.Add("text");
        return string.Join('+', parts);
    }
}
