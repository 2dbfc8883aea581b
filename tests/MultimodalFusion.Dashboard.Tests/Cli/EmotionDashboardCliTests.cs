using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MultimodalFusion.Dashboard.Tests.Browser;
using MultimodalFusion.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MultimodalFusion.Dashboard.Tests.Cli;

/// <summary>
/// The real <c>mmf emotion --dashboard</c> on the synthetic demo clip (10 s, face + speech + transcript, paced at real time)
/// with the default emotion models, watched in headless chromium.
/// </summary>
public sealed partial class EmotionDashboardCliTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Tile = "[data-camera='emotion-demo.mp4']";
    private readonly string _dir = RepoPaths.NewTempDir("mmf-dash-emotion");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_emotion_tile_updates_live_then_the_page_lingers_and_the_run_exits_0_with_the_server_down()
    {
        using var mmf = MmfProcess.Start(_dir, "emotion", "--models", Path.Combine(RepoPaths.Root, "onnx", "emotion"), "--realtime",
            "--out", Path.Combine(_dir, "out"), "--log-dir", Path.Combine(_dir, "logs"),
            "--dashboard", "http://127.0.0.1:0", "--dashboard-linger", "20s");
        // Port 0: the real address is printed before the run starts (the demo clip may be written first, once).
        var url = new Uri((await mmf.WaitForOutputAsync(DashboardLine(), TimeSpan.FromSeconds(90))).Groups["url"].Value);
        Assert.Equal("127.0.0.1", url.Host);

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Expect(page.Locator($"{Tile} .profile")).ToHaveTextAsync("emotion");

        // Each 0.5 s window moves the smoothed valence: the value on the page changes while the clip plays.
        var valence = page.Locator($"{Tile} [data-testid='valence']");
        await Expect(valence).ToHaveTextAsync(ValenceText(), new() { Timeout = 60_000 });
        string first = await valence.TextContentAsync() ?? "";
        await page.WaitForFunctionAsync("([sel, first]) => document.querySelector(sel).textContent !== first",
            new object[] { $"{Tile} [data-testid='valence']", first }, new() { Timeout = 30_000 });

        await Expect(page.Locator($"{Tile} .bars .pct")).ToHaveCountAsync(8);
        await Expect(page.Locator($"{Tile} .bars .bar.best")).ToHaveCountAsync(1);
        await Expect(page.Locator($"{Tile} [data-testid='top-expression']")).ToHaveTextAsync(TopText());
        string best = await page.EvaluateAsync<string>(
            "sel => { const b = document.querySelector(sel + ' .bars .bar.best'); return b.previousElementSibling.textContent; }", Tile);
        Assert.StartsWith(best + " ", await page.Locator($"{Tile} [data-testid='top-expression']").TextContentAsync());
        Assert.True((await page.Locator($"{Tile} path.valence").GetAttributeAsync("d") ?? "").Contains('L'), "the valence curve has a segment");
        await page.WaitForFunctionAsync($"() => document.querySelector(\"{Tile} img.frame\").naturalWidth > 0");
        await Expect(page.Locator($"{Tile} .status")).ToHaveTextAsync(new Regex(@"fps · \d+ dropped · \d+ windows"));

        // The clip ends: the final status stays on the page while it lingers; Ctrl+C ends the wait, exit code unchanged.
        await mmf.WaitForOutputAsync(new Regex("dashboard stays up at "), TimeSpan.FromSeconds(60));
        await Expect(page.Locator($"{Tile} .status")).ToHaveTextAsync(new Regex(@"^ended · .* · (1[6-9]|2[0-2]) windows"));
        mmf.Interrupt();
        Assert.Equal(0, await mmf.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        Assert.Contains("== done ==", mmf.Stdout);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("reconnecting…");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri(url, "/api/state")));
    }

    [GeneratedRegex(@"^dashboard: (?<url>http://\S+)$", RegexOptions.Multiline)]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"^valence [+-]\d\.\d\d$")]
    private static partial Regex ValenceText();

    [GeneratedRegex(@"^(Neutral|Anger|Disgust|Fear|Happiness|Sadness|Surprise|Other) \d{1,3}%$")]
    private static partial Regex TopText();
}
