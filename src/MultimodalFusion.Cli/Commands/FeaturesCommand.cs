using System.CommandLine;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Cli.Features;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Datasets;
using MultimodalFusion.Inference.Sessions;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary><c>mmf features</c>: run the runtime's extractors over a dataset once and write the feature cache the trainer reads.</summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Dataset folder: Aff-Wild2 layout (annotations/, cropped_aligned/, videos/) or DVD layout (SPLIT/labels/, frames/, videos/); audio/ and transcripts/ as mmf synth writes them" };
        var models = new Option<string?>("--models") { Description = "Folder of extractor models (name.onnx + name.json), picked by manifest role: face/image (required), clip, audio, text (default: the packaged MiniLM)" };
        var output = new Option<string?>("--out") { Description = "Cache folder to write (cache.json + SPLIT/ID/*.npy); an existing cache of the same task and models is resumed" };
        var task = new Option<string?>("--task") { Description = "va, expr, va+expr or violence [default: va+expr for Aff-Wild2, violence for DVD]" };
        var splits = new Option<string[]>("--splits") { Description = "Split folders to cache [default: all found]", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.ZeroOrMore };
        var clipHop = new Option<TimeSpan?>("--clip-hop")
        {
            Description = $"Time between clip windows ({DurationParser.Forms}) [default: 0.5s]",
            CustomParser = result =>
            {
                if (DurationParser.TryParse(result.Tokens[^1].Value, out var value, out string? error))
                    return value;
                result.AddError($"--clip-hop: {error}");
                return null;
            },
        };
        var fps = new Option<double>("--fps") { Description = "Frame rate of videos that have only a frame folder", DefaultValueFactory = _ => 30 };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Debug-level logs on the console" };

        var command = new Command("features", "Run the runtime's own ONNX extractors (image/face, clip, audio, MiniLM text) over a dataset once and " +
            "write the feature cache (per-video .npy files + cache.json) that mmf-train reads. Resumable: finished videos are skipped. " +
            "A video that fails is reported and skipped. Exit code: 0 all cached, 1 a video or the run failed, 2 bad usage.")
        {
            data, models, output, task, splits, clipHop, fps, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            using var loggerFactory = LogSetup.Create(parse.GetValue(verbose) ? LogEventLevel.Debug : LogEventLevel.Information, logDirectory: null);
            var logger = loggerFactory.CreateLogger("features");
            var options = new FeatureCacheOptions
            {
                DataDirectory = parse.GetValue(data) ?? "",
                ModelsDirectory = parse.GetValue(models) ?? "",
                OutputDirectory = parse.GetValue(output) ?? "",
                Task = parse.GetValue(task),
                Splits = parse.GetValue(splits),
                ClipHop = parse.GetValue(clipHop) ?? TimeSpan.FromSeconds(0.5),
                FallbackFps = parse.GetValue(fps),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                await stderr.WriteLineAsync($"mmf features: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            try
            {
                FeatureCacheResult result = await FeatureCacheBuilder.RunAsync(options, logger, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Feature cache {result.CacheDirectory}: {result.Written} videos written, " +
                    $"{result.Skipped} already cached, {result.Failed.Count} failed.").ConfigureAwait(false);
                foreach (FailedVideo failure in result.Failed)
                    await stderr.WriteLineAsync($"mmf features: {failure.Key} failed: {failure.Message}").ConfigureAwait(false);
                return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException
                or ModelLoadException or DatasetFormatException or OperationCanceledException)
            {
                await stderr.WriteLineAsync($"mmf features: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
