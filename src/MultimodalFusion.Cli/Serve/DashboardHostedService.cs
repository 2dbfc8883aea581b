using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Hosting;
using MultimodalFusion.Apps.Telemetry;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Dashboard;

namespace MultimodalFusion.Cli.Serve;

/// <summary>Runs the dashboard server for <c>mmf serve</c> and publishes every camera's status (state, fps, drops) into its feed once a second.</summary>
/// <remarks>
/// The status comes from the same <see cref="FrameScoreRecorder"/> registry that the metrics export, so the page and
/// <c>/metrics</c> agree: fps is the camera's scored-frame rate, drops are the frames its source dropped
/// (<c>{camera}/source</c>), and the state word is the camera's (<see cref="ViolenceCamera.StateWord"/>: running,
/// reconnecting with the last error as the message, ended, failed) once the app runs. Alerts and frames reach the feed through <see cref="DashboardAlertSink"/> and
/// <see cref="DashboardFramePublisher"/>. Relative clip paths are served from the output folder unless
/// <c>Dashboard:ClipsRoot</c> says otherwise. Owns the server; not the feed.
/// </remarks>
internal sealed class DashboardHostedService(
    IOptions<DashboardOptions> options, IOptions<ServeOptions> serve, IOptions<ViolenceAppOptions> cameras, DashboardFeed feed,
    FrameScoreRecorder frames, ViolenceHostedService violence, ILoggerFactory loggerFactory) : BackgroundService
{
    /// <summary>How often the status of every camera is published.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggerFactory.CreateLogger<DashboardHostedService>();
    private DashboardServer? _server;

    /// <summary>The running server (null before start and after stop).</summary>
    public DashboardServer? Server => _server;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var effective = new DashboardOptions
        {
            Urls = settings.Urls,
            Token = settings.Token,
            ClipsRoot = Path.GetFullPath(settings.ClipsRoot ?? serve.Value.Out),
            History = settings.History,
            MaxAlerts = settings.MaxAlerts,
        };
        _server = await DashboardServer.StartAsync(effective, feed, loggerFactory, ct: cancellationToken).ConfigureAwait(false);
        PublishStatus("starting");
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(StatusInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                PublishStatus(null);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        PublishStatus("stopped");
        if (_server is { } server)
            await server.DisposeAsync().ConfigureAwait(false);
        _server = null;
    }

    // state null: the camera's own state word; before the app runs "running" while frames arrive, else "waiting".
    private void PublishStatus(string? state)
    {
        var running = violence.App?.Cameras;
        foreach (var camera in cameras.Value.Cameras)
        {
            try
            {
                var snapshot = frames.For(camera.Id).Snapshot();
                var live = running?.FirstOrDefault(c => c.Id == camera.Id);
                string now = state ?? live?.StateWord ?? (snapshot.RatePerSecond > 0 ? "running" : "waiting");
                string? message = live is { StateWord: "reconnecting" or "failed" } ? live.Source.Metrics.LastError : null;
                feed.PublishStatus(new DashboardCameraStatus(camera.Id, DashboardProfile.Violence, now, snapshot.RatePerSecond,
                    live?.Source.FramesDropped ?? 0, camera.Url, message));
            }
            catch (ArgumentException ex)
            {
                _logger.LogWarning("Camera {CameraId}: status not published: {Message}", camera.Id, ex.Message);
            }
        }
    }
}
