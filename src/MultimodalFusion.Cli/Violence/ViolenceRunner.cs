using System.Globalization;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Cli.Violence;

/// <summary>
/// Runs a <see cref="ViolenceApp"/> for <c>mmf violence</c>: every camera until its source ends, the token fires
/// (Ctrl+C) or <see cref="Duration"/> passes, printing each stored event transition as one line on <paramref name="output"/>.
/// </summary>
/// <remarks>
/// Transitions are read back from the event store (thread-safe) every <see cref="s_pollInterval"/>, so a line is printed
/// only once the event is durable. Shutdown is graceful: after the loops stop the store is read once more, the
/// dispatchers get up to <see cref="FlushTimeout"/> to empty their outbox, and disposing the app finishes open clips; then
/// one line per camera gives its counts (frames captured, dropped, scored, restarts, model time). A live camera whose
/// stream drops is reconnected by the app with backoff, so it fails (exit 1) only on a permanent error.
/// The runner owns the app it creates; it does not own <paramref name="loggerFactory"/> or the writers.
/// </remarks>
internal sealed class ViolenceRunner(ViolenceAppOptions options, ViolenceModels models, string outputDir, bool realtime,
    TimeSpan? duration, ILoggerFactory loggerFactory, TextWriter output, TextWriter error)
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);
    private readonly HashSet<string> _printed = new(StringComparer.Ordinal);

    /// <summary>Stop after this long; null: when every source has ended or the run is cancelled.</summary>
    public TimeSpan? Duration => duration;

    /// <summary>How long a stopping run waits for the sinks to deliver what is in the outbox (the rest stays for the next run).</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where every scored frame is logged (not owned; flushed with each poll); null: nowhere.</summary>
    public FrameScoreLog? Scores { get; init; }

    /// <summary>Transition lines printed so far.</summary>
    public int LinesPrinted => _printed.Count;

    /// <summary>Runs to the end; returns <see cref="ExitCodes.Success"/>, or <see cref="ExitCodes.Failure"/> when a camera or the model failed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        ViolenceApp app;
        try
        {
            var hooks = new ViolenceAppHooks { FrameScored = Scores is null ? null : Scores.OnFrameScored };
            app = new ViolenceApp(options, models, outputDir, MonotonicClock.Instance, loggerFactory, realtime, hooks);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error.WriteLine($"mmf violence: cannot start with model '{models.FusionModelPath}': {CredentialRedactor.Redact(ex.Message)}");
            return ExitCodes.Failure;
        }
        Scores?.Bind(app.Mapping);

        int failed = 0;
        await using (app)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (duration is { } d)
                stop.CancelAfter(d);
            var runs = app.Loops.Select((loop, i) => RunCameraAsync(loop, options.Cameras[i], stop.Token)).ToList();
            var all = Task.WhenAll(runs);
            while (!all.IsCompleted)
            {
                await Task.WhenAny(all, Task.Delay(s_pollInterval, CancellationToken.None)).ConfigureAwait(false);
                PrintNew(app);
                Scores?.Flush();
            }
            failed = (await all.ConfigureAwait(false)).Count(ok => !ok);
            PrintNew(app);
            Scores?.Flush();
            await FlushAsync(app).ConfigureAwait(false);
            // Per camera: frames captured, dropped and scored, reconnects, model time.
            foreach (var camera in app.Cameras)
                output.WriteLine($"mmf violence: {camera}");
        }
        output.WriteLine($"mmf violence: {LinesPrinted} transition(s); {options.Cameras.Count - failed} of {options.Cameras.Count} camera(s) ran to the end or were stopped; output in {Path.GetFullPath(outputDir)}");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>One line per transition: UTC time, camera, kind, state, id, peak score, clip.</summary>
    public static string Format(AlertEvent evt)
    {
        var at = evt.State == AlertState.End && evt.End is { } end ? end : evt.Start;
        return string.Create(CultureInfo.InvariantCulture,
            $"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {evt.Camera} {evt.Kind} {evt.State.ToString().ToLowerInvariant()} {evt.Id} peak={evt.PeakScore:0.000} clip={evt.Clip ?? "-"}");
    }

    // True: the camera's source ended or the run was stopped; false: it failed (already reported).
    private async Task<bool> RunCameraAsync(CameraScoringLoop loop, CameraOptions camera, CancellationToken token)
    {
        try
        {
            await loop.RunAsync(token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception ex)
        {
            error.WriteLine($"mmf violence: camera {camera.Id} ({CredentialRedactor.Redact(camera.Url)}) failed: {CredentialRedactor.Redact(ex.Message)}");
            return false;
        }
    }

    private void PrintNew(ViolenceApp app)
    {
        foreach (var evt in app.Store.GetEvents())
        {
            if (_printed.Add(evt.IdempotencyKey))
                output.WriteLine(Format(evt));
        }
        output.Flush();
    }

    private async Task FlushAsync(ViolenceApp app)
    {
        var deadline = DateTime.UtcNow + FlushTimeout;
        while (app.Dispatchers.Any(d => d.Backlog > 0) && DateTime.UtcNow < deadline)
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
    }
}
