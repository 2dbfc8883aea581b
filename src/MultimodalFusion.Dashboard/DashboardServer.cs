using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Dashboard.Http;

namespace MultimodalFusion.Dashboard;

/// <summary>
/// The dashboard's web server (Kestrel): the page at <c>/</c>, <c>/api/state</c>, <c>/api/events</c> (SSE),
/// <c>/api/frames/{camera}.jpg</c> and <c>/clips/...</c>, all read from one <see cref="DashboardFeed"/>.
/// </summary>
/// <remarks>
/// Binds 127.0.0.1 unless configured; a non-loopback binding without <see cref="DashboardOptions.Token"/> refuses to
/// start. With a token every request needs it (including endpoints the host adds through <c>configure</c>); without one,
/// requests must name a loopback host (DNS rebinding).
/// Does not own the feed. <see cref="DisposeAsync"/> ends open event streams and stops listening.
/// </remarks>
public sealed class DashboardServer : IAsyncDisposable
{
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(5);
    private readonly WebApplication _app;
    private int _disposed;

    private DashboardServer(WebApplication app, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>The first address actually bound (the real port when the configured one was 0).</summary>
    public Uri Address => Addresses[0];

    /// <summary>Every address actually bound.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Validates <paramref name="options"/>, binds and starts serving <paramref name="feed"/>.</summary>
    /// <param name="options">Urls, token, clips folder; see <see cref="DashboardOptions.Validate"/>.</param>
    /// <param name="feed">What to show; not owned.</param>
    /// <param name="logging">Where the server logs (ASP.NET Core's own categories at Warning and above); null: nowhere.</param>
    /// <param name="configure">Adds middleware or endpoints (e.g. a Prometheus scraping endpoint) after the token check.</param>
    /// <param name="configureBuilder">Adds services the <paramref name="configure"/> endpoints need, before the app is built.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">Invalid options (each problem names its <c>Dashboard:</c> key) or the address cannot be bound.</exception>
    public static async Task<DashboardServer> StartAsync(
        DashboardOptions options,
        DashboardFeed feed,
        ILoggerFactory? logging = null,
        Action<WebApplication>? configure = null,
        Action<WebApplicationBuilder>? configureBuilder = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feed);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new InvalidOperationException("Dashboard configuration is invalid:\n  " + string.Join("\n  ", errors));
        var urls = BindAddresses.Parse(options.Urls);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls(urls.Select(u => u.GetLeftPart(UriPartial.Authority)).ToArray());
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        if (logging is not null)
            builder.Logging.AddProvider(new ForwardingLoggerProvider(logging));
        // Hosting logs every request line, query string included (?token=...): keep the framework quiet.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        var logger = (logging ?? NullLoggerFactory.Instance).CreateLogger<DashboardServer>();
        if (!string.IsNullOrWhiteSpace(options.Token))
            new TokenGate(options.Token, logger).Install(app);
        else
            LoopbackHostFilter.Install(app);
        configure?.Invoke(app);
        Map(app, feed, new ClipFiles(options.ClipsRoot), app.Lifetime.ApplicationStopping);

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Dashboard could not listen on {options.Urls} (Dashboard:Urls): {ex.Message}", ex);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a)).ToArray() ?? [];
        if (bound.Length == 0)
            bound = urls.ToArray();
        logger.LogInformation("Dashboard listening on {Urls}{Token}", string.Join(", ", bound.Select(b => b.ToString())),
            string.IsNullOrWhiteSpace(options.Token) ? " (loopback, no token)" : " (token required)");
        return new DashboardServer(app, bound);
    }

    private static void Map(WebApplication app, DashboardFeed feed, ClipFiles clips, CancellationToken stopping)
    {
        var assets = new PageAssets();
        var events = new EventStream(feed, stopping);
        app.MapGet("/", (HttpContext c) => assets.Serve(c, "index.html"));
        foreach (string name in assets.Names.Where(n => n != "index.html"))
            app.MapGet("/" + name, (HttpContext c) => assets.Serve(c, name));
        app.MapGet("/api/state", (HttpContext c) =>
        {
            c.Response.Headers.CacheControl = "no-store";
            return Results.Text(DashboardJson.Serialize(feed.GetSnapshot()), "application/json; charset=utf-8");
        });
        // The same snapshot as a script the page loads before its own: the first paint (and the load event, which
        // `chromium --screenshot` waits for) already has the cameras and their frames, before the event stream is open.
        app.MapGet("/api/state.js", (HttpContext c) =>
        {
            c.Response.Headers.CacheControl = "no-store";
            return Results.Text("window.mmfInitialState = " + DashboardJson.Serialize(feed.GetSnapshot()) + ";\n", "text/javascript; charset=utf-8");
        });
        app.MapGet("/api/events", events.HandleAsync);
        app.MapGet("/api/frames/{file}", (HttpContext c, string file) =>
        {
            const string suffix = ".jpg";
            if (!file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return Results.NotFound();
            string camera = Uri.UnescapeDataString(file[..^suffix.Length]);
            if (!feed.TryGetFrame(camera, out var frame))
                return Results.NotFound($"Camera '{camera}' has no frame yet.");
            c.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(frame.Jpeg, "image/jpeg");
        });
        app.MapGet("/clips/{**path}", (string? path) => clips.Serve(path is null ? null : Uri.UnescapeDataString(path)));
    }

    /// <summary>Ends open event streams and stops listening (waits up to 5 s for requests in flight).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        using (var timeout = new CancellationTokenSource(s_stopTimeout))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Requests still running after the timeout are cut off by DisposeAsync below.
            }
        }
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
