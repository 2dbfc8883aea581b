using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultimodalFusion.Apps.Hosting;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Core.Diagnostics;
using Serilog.Events;

namespace MultimodalFusion.Cli.Serve;

/// <summary>Runs the host of <c>mmf serve</c> until SIGTERM / Ctrl+C or until every camera's source has ended, and maps the outcome to an exit code.</summary>
/// <remarks>
/// 2: the options failed validation at start (every failure printed, naming its key, credentials redacted);
/// 1: the host could not start (model, dashboard or metrics address) or a camera failed while the others ran on;
/// 0: stopped by a signal or the sources ended, after the graceful stop (events flushed, clips finished).
/// </remarks>
internal sealed class ServeRunner(IConfigurationRoot configuration, LogEventLevel consoleLevel, string? logDirectory, TextWriter error)
{
    /// <summary>Runs to the end; see the class remarks for the exit codes.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var logger = LogSetup.CreateLogger(consoleLevel, logDirectory, json: true);
        IHost host;
        try
        {
            host = ServeHost.Build(configuration, logger);
        }
        catch (Exception ex)
        {
            error.WriteLine($"mmf serve: cannot build the service: {CredentialRedactor.Redact(ex.Message)}");
            await logger.DisposeAsync();
            return ExitCodes.Failure;
        }
        // The host owns the logger from here on (AddSerilog dispose: true).
        using (host)
        {
            try
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ServeHost.ValidationFailures(ex) is { Count: > 0 } failures)
            {
                error.WriteLine("mmf serve: invalid configuration:");
                foreach (string failure in failures)
                    error.WriteLine($"  {CredentialRedactor.Redact(failure)}");
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await StopQuietlyAsync(host).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception ex)
            {
                error.WriteLine($"mmf serve: cannot start: {CredentialRedactor.Redact(ex.Message)}");
                await StopQuietlyAsync(host).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            // Returns once the application stops: the token (signal), or the cameras' sources all ended; then the host stops gracefully.
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            var cameras = host.Services.GetRequiredService<ViolenceHostedService>();
            if (cameras.FailedCameras > 0)
            {
                error.WriteLine($"mmf serve: {cameras.FailedCameras} camera(s) failed; see the log above.");
                return ExitCodes.Failure;
            }
            return ExitCodes.Success;
        }
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ServeHost.ShutdownTimeout);
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or AggregateException)
        {
            // Half-started services; the process ends right after.
        }
    }
}
