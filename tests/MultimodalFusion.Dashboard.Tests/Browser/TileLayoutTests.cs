using Microsoft.Playwright;
using MultimodalFusion.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MultimodalFusion.Dashboard.Tests.Browser;

/// <summary>The layout of a violence tile: its alert table stays inside the tile, however long the ids are.</summary>
public sealed class TileLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1400)]
    [InlineData(700)]
    public async Task The_alert_table_of_a_tile_wraps_inside_its_column(int viewportWidth)
    {
        await using var dash = await TestDashboard.StartAsync();
        dash.Feed.PublishStatus(new DashboardCameraStatus("street", DashboardProfile.Violence, "running", 9.6, 0));
        var start = new DateTimeOffset(2026, 11, 25, 4, 7, 14, TimeSpan.Zero);
        dash.Feed.PublishAlert(new DashboardAlert("evt_01M88E5RQCAECX1KX74K87W9ER", "street", "violence", DashboardAlertState.End,
            start, start.AddSeconds(4), 0.99, "street/evt_01M88E5RQCAECX1KX74K87W9ER.mp4"));
        dash.Feed.PublishAlert(new DashboardAlert("evt_01M88E5M8668D94ZV8GAAAAAAAAAAAAAAAAAAAAAAAAAAA46HTV91", "street", "violence",
            DashboardAlertState.Update, start.AddSeconds(9), null, 1.0));
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = viewportWidth, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{dash.Server.Address.Port}/");
        await Expect(page.Locator("[data-camera='street'] tbody tr")).ToHaveCountAsync(2);

        // Right edges in CSS pixels: the table and every cell end inside the tile's padding box.
        var edges = await page.EvaluateAsync<double[]>(@"() => {
            const tile = document.querySelector(""[data-camera='street']"");
            const table = tile.querySelector('table.alerts');
            const cells = [...table.querySelectorAll('td, th')].map(c => c.getBoundingClientRect().right);
            return [tile.getBoundingClientRect().right, table.getBoundingClientRect().right, Math.max(...cells), document.documentElement.scrollWidth];
        }");
        double tileRight = edges[0];
        Assert.True(edges[1] <= tileRight, $"table right {edges[1]} > tile right {tileRight}");
        Assert.True(edges[2] <= tileRight, $"a cell ends at {edges[2]}, past the tile's right edge {tileRight}");
        Assert.True(edges[3] <= viewportWidth, $"the page scrolls sideways ({edges[3]} px wide in a {viewportWidth} px viewport)");
    }
}
