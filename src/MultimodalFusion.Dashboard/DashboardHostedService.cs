using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultimodalFusion.Dashboard;

/// <summary>Runs a <see cref="DashboardServer"/> for the lifetime of a Generic Host (e.g. <c>mmf serve</c>).</summary>
/// <remarks>
/// Register the feed as a singleton, then
/// <c>services.AddHostedService(sp =&gt; new DashboardHostedService(options, sp.GetRequiredService&lt;DashboardFeed&gt;(), sp.GetRequiredService&lt;ILoggerFactory&gt;()))</c>.
/// A configuration error or an unbindable address makes the host's start fail with the server's message. Does not own the feed.
/// </remarks>
public sealed class DashboardHostedService : IHostedService, IAsyncDisposable
{
    private readonly DashboardOptions _options;
    private readonly DashboardFeed _feed;
    private readonly ILoggerFactory? _logging;
    private readonly Action<WebApplication>? _configure;
    private readonly Action<WebApplicationBuilder>? _configureBuilder;

    /// <summary>A service that will serve <paramref name="feed"/> with <paramref name="options"/>; see <see cref="DashboardServer.StartAsync"/> for the hooks.</summary>
    public DashboardHostedService(DashboardOptions options, DashboardFeed feed, ILoggerFactory? logging = null,
        Action<WebApplication>? configure = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _feed = feed ?? throw new ArgumentNullException(nameof(feed));
        _logging = logging;
        _configure = configure;
        _configureBuilder = configureBuilder;
    }

    /// <summary>The running server; null before start and after stop.</summary>
    public DashboardServer? Server { get; private set; }

    /// <summary>Validates the options and starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        Server = await DashboardServer.StartAsync(_options, _feed, _logging, _configure, _configureBuilder, cancellationToken).ConfigureAwait(false);

    /// <summary>Ends open event streams and stops listening.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        var server = Server;
        Server = null;
        if (server is not null)
            await server.DisposeAsync().ConfigureAwait(false);
    }
}
