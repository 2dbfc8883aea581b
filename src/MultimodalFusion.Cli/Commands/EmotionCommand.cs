using System.CommandLine;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Capture;
using MultimodalFusion.Cli.Emotion;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Dashboard;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary><c>mmf emotion</c>: the live emotion monitor (valence/arousal and expression per window from face, voice and words).</summary>
internal static class EmotionCommand
{
    /// <summary>Where <c>--dashboard</c> without a URL listens (the dashboard's own default, as <c>mmf serve</c>).</summary>
    public static readonly string DefaultDashboardUrl = new DashboardOptions().Urls;

    /// <summary>Environment variable with the dashboard token when <c>--dashboard-token</c> is not given (the name <c>mmf serve</c> reads).</summary>
    public const string DashboardTokenVariable = "MMF_Dashboard__Token";

    public static Command Create()
    {
        var sources = new Argument<string[]>("SOURCE")
        {
            Description = "The video source (a file, camera:N, /dev/videoN or rtsp://...), optionally followed by audio and transcript files. " +
                "None: the bundled demo clip (written into .media/demo/ on first use, with its speech and transcript)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var mic = new Option<string?>("--mic") { Description = "Listen to a microphone (PulseAudio; the default one, or NAME)", Arity = ArgumentArity.ZeroOrOne };
        var audio = new Option<string?>("--audio") { Description = "Audio file to pair with the video (.wav, .mp3, ...)" };
        var transcript = new Option<string?>("--transcript") { Description = "Transcript file (.srt, .vtt, .jsonl) or - for JSON lines on standard input" };
        var asr = new Option<string?>("--asr") { Description = "Speech recognition over the audio: pocketsphinx, or whisper:MODEL.bin (a ggml model you supply)" };
        var models = new Option<string>("--models") { Description = "Model folder, searched by manifest role and task", DefaultValueFactory = _ => EmotionAppOptions.DefaultModelsDirectory };
        var outDir = new Option<string>("--out") { Description = "Output folder: emotion.jsonl|csv, emotion-summary.txt, emotion-trajectory.png", DefaultValueFactory = _ => Path.Combine("out", "emotion") };
        var format = new Option<string>("--format") { Description = "Per-window file format", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var realtime = new Option<bool>("--realtime") { Description = "Pace file sources at real time, as a live source would deliver them" };
        var duration = Duration("--duration", "Stop after this long (default: when every source has ended, or Ctrl+C)");
        var window = Duration("--window", "Window length (default: the model manifest's)");
        var hop = Duration("--hop", "Window hop (default: the model manifest's)");
        var deadline = Duration("--deadline", "Longest wait after a window's end for a slow modality, then it is fused with a presence mask [default: 1s]");
        var dashboard = new Option<string?>("--dashboard")
        {
            Description = $"Serve the live dashboard during the run (valence/arousal curve, expression bars, annotated frame) at URL [default: {DefaultDashboardUrl}]; " +
                "an address other than loopback needs --dashboard-token",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var dashboardToken = new Option<string?>("--dashboard-token")
        {
            Description = $"Secret the dashboard asks for (Authorization: Bearer, or ?token= once); default: ${DashboardTokenVariable}",
        };
        var dashboardLinger = Duration("--dashboard-linger", "Keep the dashboard up this long after the input ended (Ctrl+C ends it sooner) [default: 0s]");
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Debug-level logs on the console" };
        var logDir = new Option<string>("--log-dir") { Description = "Folder for the rolling log files", DefaultValueFactory = _ => "logs" };

        var command = new Command("emotion", "Watch a face, listen to the voice and read the words: valence/arousal and expression per time window, " +
            "shown live, written per window and summarised at the end (time per expression, trajectory PNG). " +
            "Exit code: 0 the input ended or was stopped (Ctrl+C, --duration), 1 a source or model failed, 2 bad usage.")
        {
            sources, mic, audio, transcript, asr, models, outDir, format, realtime, duration, window, hop, deadline,
            dashboard, dashboardToken, dashboardLinger, verbose, logDir,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var args = new EmotionSourceArgs(parse.GetValue(sources) ?? [], parse.GetResult(mic) is null ? null : parse.GetValue(mic) ?? "",
                parse.GetValue(audio), parse.GetValue(transcript), parse.GetValue(asr));
            IReadOnlyList<SourceSpec> specs;
            try
            {
                specs = args.Resolve(null);   // usage errors first, before any demo is written
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                error.WriteLine($"mmf emotion: {CredentialRedactor.Redact(e.Message)}");
                return ExitCodes.Usage;
            }
            DashboardOptions? dashboardOptions = null;
            if (parse.GetResult(dashboard) is not null)
            {
                dashboardOptions = new DashboardOptions
                {
                    Urls = parse.GetValue(dashboard) is { Length: > 0 } url ? url : DefaultDashboardUrl,
                    Token = parse.GetValue(dashboardToken) ?? Environment.GetEnvironmentVariable(DashboardTokenVariable),
                };
                if (dashboardOptions.Validate() is { Count: > 0 } problems)
                {
                    foreach (string problem in problems)
                        error.WriteLine($"mmf emotion: --dashboard: {CredentialRedactor.Redact(problem)} (here: --dashboard URL, --dashboard-token or ${DashboardTokenVariable})");
                    return ExitCodes.Usage;
                }
            }
            else if (parse.GetResult(dashboardToken) is not null || parse.GetResult(dashboardLinger) is not null)
            {
                error.WriteLine("mmf emotion: --dashboard-token and --dashboard-linger go with --dashboard.");
                return ExitCodes.Usage;
            }
            TimeSpan linger = parse.GetValue(dashboardLinger) ?? TimeSpan.Zero;
            if (linger < TimeSpan.Zero)
            {
                error.WriteLine($"mmf emotion: --dashboard-linger must not be negative (got {linger}).");
                return ExitCodes.Usage;
            }

            using var loggerFactory = LogSetup.Create(parse.GetValue(verbose) ? LogEventLevel.Debug : LogEventLevel.Warning, parse.GetValue(logDir));
            if (args.UsesDemo)
            {
                try
                {
                    specs = args.Resolve(EmotionDemoMedia.Sources(EmotionDemoMedia.Folder(), loggerFactory.CreateLogger("demo"), error));
                }
                catch (IOException e)
                {
                    error.WriteLine($"mmf emotion: {e.Message}");
                    return ExitCodes.Failure;
                }
            }
            var options = new EmotionAppOptions
            {
                Sources = specs,
                ModelsDirectory = parse.GetValue(models)!,
                OutputDirectory = parse.GetValue(outDir),
                Format = parse.GetValue(format) == "csv" ? EmotionOutputFormat.Csv : EmotionOutputFormat.Jsonl,
                Realtime = parse.GetValue(realtime),
                Duration = parse.GetValue(duration),
                Window = parse.GetValue(window),
                Hop = parse.GetValue(hop),
                Deadline = parse.GetValue(deadline) ?? TimeSpan.FromSeconds(1),
            };
            try
            {
                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                error.WriteLine($"mmf emotion: {CredentialRedactor.Redact(e.Message)}");
                return ExitCodes.Usage;
            }
            return await new EmotionRunner(options, loggerFactory, output, error, dashboardOptions, linger).RunAsync(cancellationToken);
        });
        return command;
    }

    private static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = $"{description} ({DurationParser.Forms})",
        CustomParser = result =>
        {
            if (DurationParser.TryParse(result.Tokens[^1].Value, out var value, out string? problem))
                return value;
            result.AddError($"{name}: {problem}");
            return null;
        },
    };
}
