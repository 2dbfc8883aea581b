using Microsoft.Playwright;
using MultimodalFusion.Dashboard.Tests.Support;
using MultimodalFusion.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MultimodalFusion.Dashboard.Tests.Browser;

/// <summary>The real page in headless chromium: live updates over SSE, the token cookie, and the README screenshot.</summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Token = "browser-token-8d41";

    [Fact]
    public async Task Page_shows_published_emotion_values_alerts_and_frames_live()
    {
        await using var dash = await TestDashboard.StartAsync(Token);
        dash.Feed.PublishStatus(new DashboardCameraStatus("lobby", DashboardProfile.Emotion, "running", 8, 0));
        dash.Feed.PublishStatus(new DashboardCameraStatus("gate", DashboardProfile.Violence, "running", 10, 0));
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // ?token= once: the server sets the cookie and redirects to a clean address; SSE and images ride on the cookie.
        await page.GotoAsync($"http://127.0.0.1:{dash.Server.Address.Port}/?token={Token}");
        Assert.DoesNotContain(Token, page.Url);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");

        var valence = page.Locator("[data-camera='lobby'] [data-testid='valence']");
        dash.Feed.PublishEmotion(new DashboardEmotion("lobby", 1_000_000, 0.25f, 0.1f, [0.1f, 0, 0, 0, 0.6f, 0.2f, 0.1f, 0]));
        await Expect(valence).ToHaveTextAsync("valence +0.25");
        await Expect(page.Locator("[data-camera='lobby'] .bars")).ToContainTextAsync("Happiness");
        dash.Feed.PublishEmotion(new DashboardEmotion("lobby", 1_500_000, -0.4f, 0.3f, [0.7f, 0, 0, 0, 0.1f, 0.1f, 0.1f, 0]));
        await Expect(valence).ToHaveTextAsync("valence -0.40");
        await Expect(page.Locator("[data-camera='lobby'] [data-testid='arousal']")).ToHaveTextAsync("arousal +0.30");
        Assert.Equal("70%", await page.Locator("[data-camera='lobby'] .bars .pct").First.TextContentAsync());

        var row = page.Locator("#alerts tr[data-alert-id='evt_browser_1']");
        await Expect(row).ToHaveCountAsync(0);
        var start = DateTimeOffset.UtcNow;
        dash.Feed.PublishAlert(new DashboardAlert("evt_browser_1", "gate", "violence", DashboardAlertState.Start, start, null, 0.83));
        await Expect(row.Locator(".state")).ToHaveTextAsync("start");
        await Expect(row.Locator(".peak")).ToHaveTextAsync("0.83");
        dash.Feed.PublishAlert(new DashboardAlert("evt_browser_1", "gate", "violence", DashboardAlertState.End, start, start.AddSeconds(9), 0.95));
        await Expect(row.Locator(".state")).ToHaveTextAsync("end");
        await Expect(row.Locator(".peak")).ToHaveTextAsync("0.95");
        await Expect(page.Locator("[data-camera='gate'] tr[data-alert-id='evt_browser_1']")).ToHaveCountAsync(1);

        dash.Feed.PublishFrame("gate", await TestJpeg.FrameAsync("vtest.avi", TimeSpan.FromSeconds(5)), 2_000_000);
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-camera='gate'] img.frame\").naturalWidth === 640");
    }

    [Fact]
    public async Task Page_reconnects_by_itself_after_the_server_restarts()
    {
        var first = await TestDashboard.StartAsync();
        int port = first.Server.Address.Port;
        first.Feed.PublishEmotion(new DashboardEmotion("lobby", 1_000_000, 0.5f, 0.5f));
        first.Feed.PublishFrame("lobby", await TestJpeg.FrameAsync("vtest.avi", TimeSpan.FromSeconds(5)), 1_000_000); // 640x480
        first.Feed.PublishStatus(new DashboardCameraStatus("gone", DashboardProfile.Violence, "running", 10, 0));
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{port}/");
        var valence = page.Locator("[data-camera='lobby'] [data-testid='valence']");
        await Expect(valence).ToHaveTextAsync("valence +0.50");
        await Expect(page.Locator("[data-camera='gone']")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-camera='lobby'] img.frame\").naturalHeight === 480");

        await first.DisposeAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("reconnecting…");
        await using var second = await TestDashboard.StartAsync(urls: $"http://127.0.0.1:{port}");
        second.Feed.PublishEmotion(new DashboardEmotion("lobby", 1_000_000, -0.75f, 0.5f));
        // Frame 1 again on the new server, another picture: the page must not take it for the one it shows.
        second.Feed.PublishFrame("lobby", await TestJpeg.FrameAsync("Megamind.avi", TimeSpan.FromSeconds(4)), 1_000_000);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Expect(valence).ToHaveTextAsync("valence -0.75"); // from the new server's snapshot, without a reload
        await Expect(page.Locator("[data-camera='gone']")).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-camera='lobby'] img.frame\").naturalHeight !== 480");
    }

    [Fact]
    public async Task Page_without_the_token_gets_no_data()
    {
        await using var dash = await TestDashboard.StartAsync(Token);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"http://127.0.0.1:{dash.Server.Address.Port}/");
        Assert.Equal(401, response!.Status);
        await Expect(page.Locator("body")).ToContainTextAsync("Dashboard:Token");
    }

    [Fact]
    public async Task Screenshot_of_an_emotion_and_a_violence_camera_is_saved_for_the_readme()
    {
        string clips = RepoPaths.NewTempDir("mmf-dash-shot");
        try
        {
            await using var dash = await TestDashboard.StartAsync(clipsRoot: clips);
            await DemoData.PublishAsync(dash.Feed, clips);
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"http://127.0.0.1:{dash.Server.Address.Port}/");

            Assert.Equal(2, await page.EvaluateAsync<int>("() => window.mmfInitialState.cameras.length")); // painted before the stream opened
            await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
            await Expect(page.Locator(".tile")).ToHaveCountAsync(2);
            await Expect(page.Locator("#alerts tbody tr")).ToHaveCountAsync(3);
            await Expect(page.Locator("[data-camera='lobby'] [data-testid='valence']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^valence [+-]\d\.\d\d$"));
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.frame')].every(i => i.complete && i.naturalWidth > 0)");
            string path = await page.Locator("[data-camera='lobby'] path.valence").GetAttributeAsync("d") ?? "";
            Assert.True(path.Split('L').Length > 500, "the valence curve plots the five minutes of points");
            Assert.DoesNotContain("secret", await page.Locator("[data-camera='gate'] .status").GetAttributeAsync("title"));
            string snapshot = await page.Locator("#alerts tr[data-alert-id='evt_01JDQ9Z'] a", new() { HasText = "snapshot" }).GetAttributeAsync("href") ?? "";
            Assert.Equal(200, await page.EvaluateAsync<int>("href => fetch(href).then(r => r.status)", snapshot));

            string png = Path.Combine(RepoPaths.Root, "artifacts", "dashboard-demo.png");
            Directory.CreateDirectory(Path.GetDirectoryName(png)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = true });
            byte[] bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
            Assert.True(bytes.Length > 50_000, $"{png} is only {bytes.Length} bytes");
        }
        finally
        {
            Directory.Delete(clips, recursive: true);
        }
    }
}
