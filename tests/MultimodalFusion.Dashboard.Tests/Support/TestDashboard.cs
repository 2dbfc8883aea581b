namespace MultimodalFusion.Dashboard.Tests.Support;

/// <summary>A dashboard server on a free loopback port with its feed, for one test; dispose to stop it.</summary>
internal sealed class TestDashboard : IAsyncDisposable
{
    private TestDashboard(DashboardServer server, DashboardFeed feed, DashboardOptions options)
    {
        Server = server;
        Feed = feed;
        Options = options;
    }

    public DashboardServer Server { get; }
    public DashboardFeed Feed { get; }
    public DashboardOptions Options { get; }

    public static async Task<TestDashboard> StartAsync(string? token = null, string? clipsRoot = null, string urls = "http://127.0.0.1:0",
        Action<Microsoft.AspNetCore.Builder.WebApplication>? configure = null)
    {
        var options = new DashboardOptions { Urls = urls, Token = token, ClipsRoot = clipsRoot };
        var feed = new DashboardFeed(options);
        var server = await DashboardServer.StartAsync(options, feed, configure: configure);
        return new TestDashboard(server, feed, options);
    }

    /// <summary>A client for the server on 127.0.0.1 (also when it listens on all addresses); no cookies, no redirects followed.</summary>
    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Server.Address.Port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
