using Microsoft.Extensions.Logging;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Dashboard;
using MultimodalFusion.Inference.Sessions;
using Spectre.Console;

namespace MultimodalFusion.Cli.Emotion;

/// <summary>
/// Runs an <see cref="EmotionApp"/> for <c>mmf emotion</c>: the live view on <paramref name="output"/> (a panel on a
/// terminal, one plain line per window otherwise), then the session summary and the files written.
/// </summary>
/// <remarks>
/// Model problems and failed sources go to <paramref name="error"/>, named (credentials redacted). With
/// <paramref name="dashboard"/> the live dashboard serves the run (up before the models load, down after the summary,
/// or <paramref name="linger"/> later); it never changes the exit code, except that an address it cannot bind fails the run
/// before it starts.
/// </remarks>
internal sealed class EmotionRunner(EmotionAppOptions options, ILoggerFactory loggerFactory, TextWriter output, TextWriter error,
    DashboardOptions? dashboard = null, TimeSpan linger = default)
{
    /// <summary>Runs to the end; returns 0 when nothing failed (ended or stopped), 1 when a source, the pipeline or a model failed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var view = new EmotionLiveView(console, EmotionLiveView.IsInteractive(console) && ReferenceEquals(output, Console.Out));
        if (!view.Interactive)
            console.Profile.Width = 1000;   // one plain line per window: never wrapped at a pipe's nominal 80 columns
        var app = new EmotionApp(options, MonotonicClock.Instance, loggerFactory);
        EmotionDashboard? live = null;
        if (dashboard is not null)
        {
            try
            {
                string source = options.Sources.First(s => s.Modality == Core.Packets.Modality.Video).Display;
                live = await EmotionDashboard.StartAsync(dashboard, app.VideoSourceId, source, app.Metrics, loggerFactory, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"mmf emotion: dashboard: {CredentialRedactor.Redact(e.Message)}");
                return ExitCodes.Failure;
            }
            output.WriteLine($"dashboard: {live.Address}");
            output.Flush();
        }
        await using (live)
            return await RunAsync(app, view, live, cancellationToken);
    }

    private async Task<int> RunAsync(EmotionApp app, EmotionLiveView view, EmotionDashboard? live, CancellationToken cancellationToken)
    {
        EmotionRunResult result;
        try
        {
            result = await app.RunAsync(cancellationToken, view, hooks: live?.Hooks);
        }
        catch (ModelLoadException e)
        {
            error.WriteLine($"mmf emotion: model problem: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            error.WriteLine($"mmf emotion: {CredentialRedactor.Redact(e.Message)}");
            return ExitCodes.Failure;
        }

        output.WriteLine(result.Interrupted ? "== stopped ==" : "== done ==");
        result.Summary.WriteText(output);
        output.WriteLine("models:");
        foreach (string model in result.Models)
            output.WriteLine($"   {model}");
        output.WriteLine("sources:");
        foreach (var source in result.Sources)
            output.WriteLine($"   {source}");
        foreach (string? file in new[] { result.ReadingsFile, result.SummaryFile, result.PlotFile })
        {
            if (file is not null)
                output.WriteLine($"wrote {file}");
        }
        output.Flush();
        foreach (var failed in result.Sources.Where(s => s.Failed))
            error.WriteLine($"mmf emotion: source failed: {failed}");
        if (result.Error is not null)
            error.WriteLine($"mmf emotion: the pipeline failed: {result.Error}");
        if (live is not null)
        {
            await live.FinishAsync(result);
            if (linger > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
            {
                output.WriteLine($"dashboard stays up at {live.Address} for {linger.TotalSeconds:0.#} s (Ctrl+C ends it)");
                output.Flush();
                await EmotionDashboard.LingerAsync(linger, cancellationToken);
            }
        }
        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
