using Microsoft.Extensions.Logging;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Dashboard;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Cli.Emotion;

/// <summary>
/// The live dashboard of one <c>mmf emotion</c> run: serves the page, and publishes the run's tile (the video
/// source's id): each window's smoothed valence/arousal and expressions, the latest frame with the face box and top
/// expression (two per second), and the status (fps, windows, drops) once a second.
/// </summary>
/// <remarks>
/// Owns the server and its feed; up from <see cref="StartAsync"/> until <see cref="DisposeAsync"/>. The hooks run on
/// the app's threads (readings on its result loop, frames on its frame observer); the feed copies what it is given.
/// </remarks>
internal sealed class EmotionDashboard : IAsyncDisposable
{
    /// <summary>How often the tile's status is published.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);

    private readonly DashboardServer _server;
    private readonly MetricsRegistry _metrics;
    private readonly ILogger _logger;
    private readonly string? _source;
    private readonly CancellationTokenSource _statusStop = new();
    private readonly Task _statusLoop;
    private string? _label;    // top expression of the latest reading, drawn on the next frames
    private long _windows;

    private EmotionDashboard(DashboardServer server, DashboardFeed feed, string camera, string? source, MetricsRegistry metrics, ILogger logger)
    {
        _server = server;
        Feed = feed;
        Camera = camera;
        _source = source;
        _metrics = metrics;
        _logger = logger;
        Hooks = new EmotionAppHooks { Reading = OnReading, Frame = OnFrame };
        Publish("starting", null);
        _statusLoop = StatusLoopAsync(_statusStop.Token);
    }

    /// <summary>The page's address (the real port when 0 was asked for).</summary>
    public Uri Address => _server.Address;

    /// <summary>What the page shows.</summary>
    public DashboardFeed Feed { get; }

    /// <summary>The tile's id: the video source's stream id.</summary>
    public string Camera { get; }

    /// <summary>Give these to <see cref="EmotionApp.RunAsync"/>.</summary>
    public EmotionAppHooks Hooks { get; }

    /// <summary>Starts the server for the tile <paramref name="camera"/> reading <paramref name="source"/>, counted by <paramref name="metrics"/>.</summary>
    /// <exception cref="InvalidOperationException">Invalid options or an address that cannot be bound; the message names it.</exception>
    public static async Task<EmotionDashboard> StartAsync(DashboardOptions options, string camera, string? source, MetricsRegistry metrics,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var feed = new DashboardFeed(options);
        var server = await DashboardServer.StartAsync(options, feed, loggerFactory, ct: cancellationToken).ConfigureAwait(false);
        return new EmotionDashboard(server, feed, camera, source, metrics, loggerFactory.CreateLogger<EmotionDashboard>());
    }

    /// <summary>Publishes the final status: "stopped" (interrupted), "failed" (with why) or "ended".</summary>
    public async Task FinishAsync(EmotionRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        await StopStatusAsync().ConfigureAwait(false);
        string state = !result.Succeeded ? "failed" : result.Interrupted ? "stopped" : "ended";
        string? why = result.Error ?? result.Sources.FirstOrDefault(s => s.Failed)?.ToString();
        Publish(state, why);
    }

    /// <summary>Keeps the page up for <paramref name="linger"/> after the run, or until <paramref name="cancellationToken"/> (Ctrl+C).</summary>
    public static async Task LingerAsync(TimeSpan linger, CancellationToken cancellationToken)
    {
        if (linger <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            return;
        try
        {
            await Task.Delay(linger, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C ends the wait; the exit code stays the run's.
        }
    }

    private void OnReading(EmotionReading reading)
    {
        Feed.PublishEmotion(EmotionDashboardMapping.ToEmotion(Camera, reading));
        Volatile.Write(ref _label, EmotionDashboardMapping.TopLabel(reading));
        Interlocked.Increment(ref _windows);
    }

    private void OnFrame(string source, VideoFrame frame, PixelRect? face)
    {
        byte[] jpeg = EmotionFrameJpeg.Encode(frame, face, Volatile.Read(ref _label));
        Feed.PublishFrame(Camera, jpeg, frame.CaptureMicros);
    }

    private async Task StatusLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(StatusInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                Publish(null, null);
        }
        catch (OperationCanceledException)
        {
            // Finished or disposed.
        }
    }

    private void Publish(string? state, string? note)
    {
        try
        {
            Feed.PublishStatus(EmotionDashboardMapping.ToStatus(Camera, _source, state, _metrics, Interlocked.Read(ref _windows), note));
        }
        catch (ArgumentException ex)
        {
            _logger.LogWarning("Dashboard status of {Camera} not published: {Error}", Camera, CredentialRedactor.Redact(ex.Message));
        }
    }

    private async Task StopStatusAsync()
    {
        await _statusStop.CancelAsync().ConfigureAwait(false);
        await _statusLoop.ConfigureAwait(false);
    }

    /// <summary>Stops the status loop, ends open event streams and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopStatusAsync().ConfigureAwait(false);
        _statusStop.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
