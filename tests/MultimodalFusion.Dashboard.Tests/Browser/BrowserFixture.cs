using Microsoft.Playwright;

namespace MultimodalFusion.Dashboard.Tests.Browser;

/// <summary>
/// One headless Debian chromium (driven by Playwright's bundled node driver, nothing downloaded) shared by the browser
/// tests of a class. Fails, never skips, when chromium is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>$MMF_CHROMIUM, else Debian's chromium.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("MMF_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run `bash tools/install-deps.sh` (or set MMF_CHROMIUM to a chromium binary).");
        _playwright = await Playwright.CreateAsync();
        // The background-networking flags keep chromium from flooding a closed network with refused connections.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
