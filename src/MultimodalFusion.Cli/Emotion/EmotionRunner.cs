using Microsoft.Extensions.Logging;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Sessions;
using Spectre.Console;

namespace MultimodalFusion.Cli.Emotion;

/// <summary>
/// Runs an <see cref="EmotionApp"/> for <c>mmf emotion</c>: the live view on <paramref name="output"/> (a panel on a
/// terminal, one plain line per window otherwise), then the session summary and the files written.
/// </summary>
/// <remarks>Model problems and failed sources go to <paramref name="error"/>, named (credentials redacted).</remarks>
internal sealed class EmotionRunner(EmotionAppOptions options, ILoggerFactory loggerFactory, TextWriter output, TextWriter error)
{
    /// <summary>Runs to the end; returns 0 when nothing failed (ended or stopped), 1 when a source, the pipeline or a model failed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var view = new EmotionLiveView(console, EmotionLiveView.IsInteractive(console) && ReferenceEquals(output, Console.Out));
        if (!view.Interactive)
            console.Profile.Width = 1000;   // one plain line per window: never wrapped at a pipe's nominal 80 columns
        EmotionRunResult result;
        try
        {
            result = await new EmotionApp(options, MonotonicClock.Instance, loggerFactory).RunAsync(cancellationToken, view);
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
        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
