using System.CommandLine;
using MultimodalFusion.Capture;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Cli.Probe;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary><c>mmf probe SOURCE...</c>: capture and alignment only, no models.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var sources = new Argument<string[]>("SOURCE")
        {
            Description = $"Sources to open: {SourceSpec.Forms}. None: the sample media in .media/ (clip, speech, transcript).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var window = Duration("--window", "Window length W", "2s");
        var hop = Duration("--hop", "Window hop H", "500ms");
        var deadline = Duration("--deadline", "Longest wait after a window's end for a slow modality; then the window is emitted with a presence mask", "1s");
        var realtime = new Option<bool>("--realtime") { Description = "Pace file sources at real time, as a live source would deliver them" };
        var duration = Duration("--duration", "Stop after this long (default: when every source has ended, or Ctrl+C)", null);
        var fps = new Option<double?>("--fps") { Description = "Sample video down to this many frames per second" };
        var maxRestarts = new Option<int?>("--max-restarts") { Description = "Restarts per live source before it counts as failed (default: unlimited)" };
        var metricsEvery = Duration("--metrics-every", "How often to print per-stage fps, drops and latency", "2s");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the per-stage metrics and the summary, not every window" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Debug-level logs on the console" };
        var logDir = new Option<string>("--log-dir") { Description = "Folder for the rolling log files", DefaultValueFactory = _ => "logs" };

        var command = new Command("probe", "Open any mix of video, audio and text sources and print the aligned windows live, " +
            "with per-stage fps, drops and latency. Exit code: 0 all sources ended or were stopped cleanly, 1 a source failed, 2 bad usage.")
        {
            sources, window.Option, hop.Option, deadline.Option, realtime, duration.Option, fps, maxRestarts, metricsEvery.Option, quiet, verbose, logDir,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            ProbeSettings settings;
            try
            {
                string[] given = parse.GetValue(sources) ?? [];
                var specs = given.Length > 0 ? given.Select(SourceSpec.Parse).ToList() : SampleMedia.DefaultSources();
                settings = new ProbeSettings(specs, window.ReadRequired(parse), hop.ReadRequired(parse),
                    deadline.ReadRequired(parse), parse.GetValue(realtime), duration.Read(parse),
                    parse.GetValue(fps), parse.GetValue(maxRestarts), metricsEvery.ReadRequired(parse), parse.GetValue(quiet));
                ProbeSettingsValidator.Validate(settings);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"mmf probe: {e.Message}");
                return ExitCodes.Usage;
            }

            using var loggerFactory = LogSetup.Create(parse.GetValue(verbose) ? LogEventLevel.Debug : LogEventLevel.Information, parse.GetValue(logDir));
            var runner = new ProbeRunner(settings, loggerFactory, Console.Out);
            return await runner.RunAsync(cancellationToken);
        });
        return command;
    }

    /// <summary>A duration option; when absent it reads as <paramref name="defaultText"/> (shown once in the help).</summary>
    private static DurationOption Duration(string name, string description, string? defaultText)
    {
        var option = new Option<TimeSpan?>(name)
        {
            Description = $"{description} ({DurationParser.Forms})" + (defaultText is null ? "" : $" [default: {defaultText}]"),
            CustomParser = result =>
            {
                if (DurationParser.TryParse(result.Tokens[^1].Value, out var value, out string? error))
                    return value;
                result.AddError($"{name}: {error}");
                return null;
            },
        };
        TimeSpan? fallback = defaultText is not null && DurationParser.TryParse(defaultText, out var d, out _) ? d : null;
        return new DurationOption(option, fallback);
    }

    /// <summary>A duration option and the value it has when not given.</summary>
    private sealed record DurationOption(Option<TimeSpan?> Option, TimeSpan? Default)
    {
        public TimeSpan? Read(ParseResult parse) => parse.GetValue(Option) ?? Default;

        public TimeSpan ReadRequired(ParseResult parse) => Read(parse) ?? throw new ArgumentException($"{Option.Name} needs a value.");
    }
}
