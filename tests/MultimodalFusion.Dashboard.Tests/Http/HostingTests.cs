using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultimodalFusion.Dashboard.Tests.Http;

public sealed class HostingTests
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
    public async Task Hosted_service_serves_while_the_host_runs_and_releases_the_port_on_stop()
    {
        var options = Bind(Settings);
        var feed = new DashboardFeed(options);
        feed.PublishStatus(new DashboardCameraStatus("gate", DashboardProfile.Violence, "running", 10, 0));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(feed);
        builder.Services.AddSingleton(sp => new DashboardHostedService(options, sp.GetRequiredService<DashboardFeed>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardHostedService>());
        using var host = builder.Build();
        await host.StartAsync();

        var service = host.Services.GetRequiredService<DashboardHostedService>();
        int port = service.Server!.Address.Port;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "cfg-token-77");
        Assert.Contains("\"gate\"", await client.GetStringAsync("/api/state"));

        await host.StopAsync();
        Assert.Null(service.Server);
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Host_start_fails_with_the_key_named_when_the_options_are_unsafe()
    {
        var options = Bind("""{ "Dashboard": { "Urls": "http://0.0.0.0:0" } }""");
        await using var service = new DashboardHostedService(options, new DashboardFeed());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(CancellationToken.None));
        Assert.Contains("Dashboard:Token is required", ex.Message);
    }
}
