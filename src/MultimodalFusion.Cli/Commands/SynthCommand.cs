using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Synthesis;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary><c>mmf synth</c>: generate a seeded synthetic emotion (Aff-Wild2 layout) or violence (DVD layout) dataset.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var task = new Option<SynthTask?>("--task") { Description = "emotion (faces, valence/arousal + expression, Aff-Wild2 layout) or violence (street scenes, per-frame labels, DVD layout)" };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Dataset folder to write (created if missing)" };
        var videos = new Option<int?>("--videos") { HelpName = "N", Description = "Number of videos [default: 60]" };
        var seconds = new Option<double?>("--seconds") { HelpName = "SECONDS", Description = "Length of each video in seconds [default: 20 emotion, 40 violence]" };
        var seed = new Option<int>("--seed") { HelpName = "SEED", Description = "Seed: the same seed and settings give identical files", DefaultValueFactory = _ => 1 };
        var size = new Option<string>("--size") { HelpName = "WxH", Description = "Frame size WxH", DefaultValueFactory = _ => "160x160" };
        var fps = new Option<double>("--fps") { HelpName = "FPS", Description = "Frames per second", DefaultValueFactory = _ => 10 };
        var ambiguous = new Option<double>("--ambiguous") { HelpName = "P", Description = "Chance per segment and modality that the modality is made uninformative", DefaultValueFactory = _ => 0.25 };
        var validation = new Option<double>("--validation") { HelpName = "P", Description = "Share of videos in the validation split", DefaultValueFactory = _ => 0.2 };
        var demo = new Option<bool>("--demo") { Description = "Write the ~10 s emotion demo clip (emotion-demo.mp4/.wav/.srt + labels) into --out (default: the current folder) instead of a dataset" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Debug-level logs on the console" };

        var command = new Command("synth", "Generate a seeded synthetic multimodal dataset: rendered video, espeak-ng speech (16 kHz WAV) and SRT " +
            "transcripts with labels in the Aff-Wild2 or DVD format, and synth.json describing it. Needs espeak-ng. " +
            "Exit code: 0 written, 1 generation failed, 2 bad usage.")
        {
            task, output, videos, seconds, seed, size, fps, ambiguous, validation, demo, verbose,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            using var loggerFactory = LogSetup.Create(parse.GetValue(verbose) ? LogEventLevel.Debug : LogEventLevel.Information, logDirectory: null);
            var logger = loggerFactory.CreateLogger("synth");
            (int width, int height) dims;
            try
            {
                dims = ParseSize(parse.GetValue(size)!);
                if (parse.GetValue(demo))
                    return Task.FromResult(RunDemo(parse.GetValue(output) ?? ".", parse.GetValue(seed), dims, parse.GetValue(fps), logger));
                var options = new SynthOptions
                {
                    Task = parse.GetValue(task) ?? throw new ArgumentException("--task is required (emotion or violence)."),
                    OutputDirectory = parse.GetValue(output) ?? throw new ArgumentException("--out is required."),
                    Videos = parse.GetValue(videos) ?? 60,
                    Duration = parse.GetValue(seconds) is double s ? TimeSpan.FromSeconds(s) : null,
                    Seed = parse.GetValue(seed), Width = dims.width, Height = dims.height, Fps = parse.GetValue(fps),
                    AmbiguousFraction = parse.GetValue(ambiguous), ValidationFraction = parse.GetValue(validation),
                };
                options.Validate();
                return Task.FromResult(Run(options, logger, cancellationToken));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"mmf synth: {e.Message}");
                return Task.FromResult(ExitCodes.Usage);
            }
        });
        return command;
    }

    private static int Run(SynthOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var manifest = new SynthGenerator(logger).Generate(options, cancellationToken: cancellationToken);
            Console.Out.WriteLine($"Wrote {manifest.Counts.Videos} {options.Task.ToString().ToLowerInvariant()} videos ({manifest.Counts.Train} train, " +
                $"{manifest.Counts.Validation} validation, {manifest.Counts.Frames} frames) to {Path.GetFullPath(options.OutputDirectory)} in {watch.Elapsed.TotalSeconds:F1} s.");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException or OperationCanceledException)
        {
            Console.Error.WriteLine($"mmf synth: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static int RunDemo(string output, int seed, (int Width, int Height) size, double fps, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(output);
            string clip = SynthDemo.Write(output, seed, size.Width, size.Height, fps, logger);
            Console.Out.WriteLine($"Wrote the demo clip {Path.GetFullPath(clip)} with {SynthDemo.BaseName}.wav and {SynthDemo.BaseName}.srt beside it.");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"mmf synth: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Parses <c>WxH</c>, e.g. <c>160x160</c>.</summary>
    internal static (int Width, int Height) ParseSize(string text)
    {
        string[] parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h))
            return (w, h);
        throw new ArgumentException($"--size must be WxH, e.g. 160x160; got '{text}'.");
    }
}
