using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace MultimodalFusion.Dashboard.Tests.Http;

public sealed class ConfigurationTests
{
    private const string Settings = """
        { "Dashboard": { "Urls": "http://127.0.0.1:0", "Token": "cfg-token-77", "ClipsRoot": "out", "History": "00:02:00", "MaxAlerts": 20 } }
        """;

    private static DashboardOptions Bind(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
    }

    [Fact]
    public void Options_bind_from_the_dashboard_section_of_appsettings()
    {
        var options = Bind(Settings);
        Assert.Equal("http://127.0.0.1:0", options.Urls);
        Assert.Equal("cfg-token-77", options.Token);
        Assert.Equal("out", options.ClipsRoot);
        Assert.Equal(TimeSpan.FromMinutes(2), options.History);
        Assert.Equal(20, options.MaxAlerts);
        Assert.Empty(options.Validate());

        var design = Bind("""{ "Dashboard": { "Urls": "http://127.0.0.1:5080", "Token": null } }""");
        Assert.Null(design.Token);
        Assert.Equal(TimeSpan.FromMinutes(5), design.History);
    }

    [Fact]
    public async Task Server_from_bound_options_serves_with_its_token_and_releases_the_port_on_dispose()
    {
        var options = Bind(Settings);
        var feed = new DashboardFeed(options);
        feed.PublishStatus(new DashboardCameraStatus("gate", DashboardProfile.Violence, "running", 10, 0));
        var server = await DashboardServer.StartAsync(options, feed);
        int port = server.Address.Port;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/state")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "cfg-token-77");
        Assert.Contains("\"gate\"", await client.GetStringAsync("/api/state"));

        await server.DisposeAsync();
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Port_in_use_fails_the_start_naming_the_key()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var options = new DashboardOptions { Urls = $"http://127.0.0.1:{port}" };
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardServer.StartAsync(options, new DashboardFeed()));
        Assert.Contains("Dashboard:Urls", ex.Message);
        Assert.Contains(port.ToString(), ex.Message);
    }

    [Fact]
    public async Task Kestrel_refusals_are_reported_naming_the_key()
    {
        var options = new DashboardOptions { Urls = "http://localhost:0" }; // Kestrel cannot pick a port for a name
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardServer.StartAsync(options, new DashboardFeed()));
        Assert.Contains("Dashboard:Urls", ex.Message);
        Assert.Contains("localhost:0", ex.Message);
    }
}
