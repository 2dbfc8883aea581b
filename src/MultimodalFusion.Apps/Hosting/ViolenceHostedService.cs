using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Telemetry;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Apps.Hosting;

/// <summary>The violence profile's cameras as a Generic Host service: one <see cref="ViolenceApp"/>, every camera's loop, a graceful stop.</summary>
/// <remarks>
/// <para>Start: loads the models (<see cref="ServeOptions.Model"/>, else the <see cref="ServeOptions.Models"/> folder) and
/// builds the app from the validated options (a model that does not load fails the host's start), with
/// the registered <see cref="IAlertSink"/>s as extra outbox sinks and one per-frame callback that feeds the
/// <see cref="FrameScoreRecorder"/> (metrics) and every <see cref="IFrameScoredObserver"/>; logs each camera's
/// effective settings. The cameras' source/feature/model metrics are counted in the <see cref="FrameScoreRecorder"/>'s
/// registry (exported with it) and each camera's model and feature time is exported as
/// <see cref="MmfMeter.ModelTime"/>. Run: every camera's loop inside a logging scope <c>camera = id</c>, so each line a
/// loop logs carries the camera; a live camera's dropped stream is reconnected by the app (<see cref="ViolenceApp"/>),
/// so it fails only on a permanent error. When every source has ended by itself (files) the service stops the
/// application; each camera's final counts are logged as it stops.</para>
/// <para>Stop (SIGTERM, Ctrl+C, or the end of the sources): the loops are cancelled and awaited, the dispatchers get up
/// to <see cref="ServeOptions.FlushTimeout"/> to empty the outbox (what is left stays for the next run), then disposing
/// the app finishes open clips and closes the store. Owns the app; not the sinks, observers or telemetry (the
/// container's singletons).</para>
/// </remarks>
public sealed class ViolenceHostedService(
    IOptions<ViolenceAppOptions> options, IOptions<ServeOptions> serve, PipelineTelemetry telemetry, FrameScoreRecorder frames,
    IEnumerable<IAlertSink> extraSinks, IEnumerable<IFrameScoredObserver> observers, IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory, IClock? clock = null) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ViolenceHostedService>();
    private readonly IFrameScoredObserver[] _observers = [.. observers];
    private readonly List<IDisposable> _registrations = [];
    private ViolenceApp? _app;
    private ViolenceModels? _models;
    private int _failedCameras;

    /// <summary>The running app (null before start and after stop).</summary>
    public ViolenceApp? App => _app;

    /// <summary>Cameras whose loop failed (the source could not be opened or died for good); the others ran on.</summary>
    public int FailedCameras => Volatile.Read(ref _failedCameras);

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var host = serve.Value;
        // The cameras' source, feature and model metrics go into the registry the telemetry exports.
        var hooks = new ViolenceAppHooks { ExtraSinks = [.. extraSinks], FrameScored = OnFrameScored, Metrics = frames.Registry };
        _models = string.IsNullOrWhiteSpace(host.Model)
            ? ViolenceModels.FromFolder(host.Models, new ModelLoader(logger: loggerFactory.CreateLogger<ModelLoader>()), loggerFactory.CreateLogger<ViolenceModels>())
            : ViolenceModels.FromFile(host.Model);
        try
        {
            _app = new ViolenceApp(settings, _models, host.Out, clock ?? MonotonicClock.Instance, loggerFactory, host.Realtime, hooks);
        }
        catch
        {
            _models.Dispose();
            _models = null;
            throw;
        }
        _registrations.Add(telemetry.AddRegistry(frames.Registry));
        foreach (var camera in _app.Cameras)
        {
            var c = camera;
            _registrations.Add(telemetry.AddModelTime($"{c.Id}/model", () => c.ModelTime.Total));
            _registrations.Add(telemetry.AddModelTime($"{c.Id}/features", () => c.FeatureTime.Total));
        }
        foreach (var dispatcher in _app.Dispatchers)
        {
            var d = dispatcher;
            _registrations.Add(telemetry.AddBacklog(d.SinkName, () => d.Backlog));
        }
        foreach (var camera in settings.Cameras)
        {
            var p = settings.ProfileFor(camera);
            using (_logger.BeginScope(CameraScope(camera.Id)))
                _logger.LogInformation("Camera {CameraId}: {Url} at {Fps} fps, profile {Profile}: threshold {Threshold}, window {Window}, hop {Hop}, " +
                    "frames to start {FramesToStart}, cutoff {Cutoff}, cooldown {Cooldown}", camera.Id, CredentialRedactor.Redact(camera.Url),
                    camera.Fps, camera.Profile, p.Threshold.ToString(CultureInfo.InvariantCulture), p.Window, p.Hop, p.FramesToStart, p.Cutoff, p.Cooldown);
        }
        _logger.LogInformation("Serving {Count} camera(s) with {Models}; output in {Out}", settings.Cameras.Count, _models.Description, _app.OutputDir);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var app = _app ?? throw new InvalidOperationException("The service was not started.");
        await Task.WhenAll(app.Cameras.Select(camera => RunCameraAsync(camera, stoppingToken))).ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogInformation("Every camera's source has ended; stopping");
            lifetime.StopApplication();
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_app is not { } app)
            return;
        var deadline = DateTime.UtcNow + serve.Value.FlushTimeout;
        while (app.Dispatchers.Any(d => d.Backlog > 0) && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        long left = app.Dispatchers.Sum(d => d.Backlog);
        foreach (var registration in _registrations)
            registration.Dispose();
        _registrations.Clear();
        await app.DisposeAsync().ConfigureAwait(false);
        _app = null;
        _models?.Dispose();
        _models = null;
        if (left > 0)
            _logger.LogWarning("Stopped with {Left} outbox row(s) undelivered; the next run delivers them", left);
        else
            _logger.LogInformation("Stopped: every event delivered to every sink, clips finished");
    }

    private async Task RunCameraAsync(ViolenceCamera camera, CancellationToken token)
    {
        // The scope flows with the loop's async work (source, scoring), so every line it logs carries the camera.
        using var scope = _logger.BeginScope(CameraScope(camera.Id));
        try
        {
            await camera.Loop.RunAsync(token).ConfigureAwait(false);
            if (!token.IsCancellationRequested)
                _logger.LogInformation("Camera {CameraId}: source ended after {Frames} scored frame(s)", camera.Id, camera.Loop.FramesScored);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failedCameras);
            _logger.LogError("Camera {CameraId} ({Url}) failed: {Message}", camera.Id, CredentialRedactor.Redact(camera.Options.Url), CredentialRedactor.Redact(ex.Message));
        }
        // The final counts, the same the metrics exported: frames captured, dropped, scored, restarts, model time.
        _logger.LogInformation("Camera {CameraId} final: {Summary}", camera.Id, camera.ToString());
    }

    private void OnFrameScored(string camera, VideoFrame frame, float score)
    {
        frames.OnFrameScored(camera, frame, score);
        foreach (var observer in _observers)
            observer.OnFrameScored(camera, frame, score);
    }

    private static Dictionary<string, object> CameraScope(string camera) => new(StringComparer.Ordinal) { ["camera"] = camera };
}
