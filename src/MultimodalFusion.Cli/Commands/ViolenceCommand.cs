using System.CommandLine;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Cli.Violence;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Sessions;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary>
/// <c>mmf violence</c>: violence alerting over configured and command-line cameras with the models folder's image
/// extractor and violence fusion model (or one test model on mean BGR features);
/// events go to the SQLite store, the configured sinks and the console, with a clip and snapshot per event.
/// </summary>
internal static class ViolenceCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "appsettings-shaped JSON file (Profiles:Violence, Cameras, Sinks); MMF_ environment variables override it (MMF_Profiles__Violence__Threshold=0.9)" };
        var rtsp = new Option<string[]>("--rtsp") { Description = "An RTSP camera URL (repeatable); command-line cameras replace the configured ones and are named cam1, cam2, ...", AllowMultipleArgumentsPerToken = false };
        var source = new Option<string[]>("--source") { Description = "A video file, camera:N or /dev/videoN (repeatable); numbered after the --rtsp cameras" };
        var model = new Option<string?>("--model") { Description = "One per-frame violence model fed mean BGR frame features (ONNX: input [batch, t, 3], output *_frames [batch, t, k], class 1 = violent); instead of --models" };
        var models = new Option<string>("--models")
        {
            Description = "Models folder: its image extractor (role image, run on the whole frame) feeds its violence fusion model (role fusion, task violence) [default: onnx/violence]",
            DefaultValueFactory = _ => ModelCatalog.ViolenceFolder,
        };
        var scores = new Option<string?>("--scores") { Description = "Also write every scored frame to this CSV file (utc,camera,score): to tune a threshold or check when frames arrive" };
        var outDir = new Option<string>("--out") { Description = "Output folder: clips/, relative store and JSONL paths [default: out]", DefaultValueFactory = _ => "out" };
        var realtime = new Option<bool>("--realtime") { Description = "Pace file cameras at real time, as a live camera would deliver them" };
        var duration = new Option<TimeSpan?>("--duration")
        {
            Description = $"Stop after this long ({DurationParser.Forms}); default: when every source has ended, or Ctrl+C",
            CustomParser = result =>
            {
                if (DurationParser.TryParse(result.Tokens[^1].Value, out var value, out string? problem))
                    return value;
                result.AddError($"--duration: {problem}");
                return null;
            },
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Debug-level logs on the console" };
        var logDir = new Option<string>("--log-dir") { Description = "Folder for the rolling log files", DefaultValueFactory = _ => "logs" };

        var command = new Command("violence", "Score every camera's frames with a violence model and raise alert events " +
            "(one line per start/end, SQLite store, sinks, an mp4 clip and a JPEG snapshot per event). Ctrl+C stops gracefully: " +
            "events are flushed and open clips finished. Exit code: 0 sources ended or stopped, 1 a camera or the model failed, 2 bad usage or configuration.")
        {
            config, rtsp, source, model, models, outDir, realtime, duration, scores, verbose, logDir,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string? modelPath = parse.GetValue(model);
            ViolenceAppOptions options;
            try
            {
                string[] cameras = [.. parse.GetValue(rtsp) ?? [], .. parse.GetValue(source) ?? []];
                options = ViolenceAppOptions.Load(ViolenceConfiguration.Build(parse.GetValue(config), cameras));
            }
            catch (AppConfigurationException e)
            {
                error.WriteLine("mmf violence: invalid configuration:");
                foreach (string problem in e.Errors)
                    error.WriteLine($"  {problem}");
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                error.WriteLine($"mmf violence: {CredentialRedactor.Redact(e.Message)}");
                return ExitCodes.Usage;
            }
            if (modelPath is not null && !File.Exists(modelPath))
            {
                error.WriteLine($"mmf violence: model file '{modelPath}' does not exist.");
                return ExitCodes.Usage;
            }

            using var loggerFactory = LogSetup.Create(parse.GetValue(verbose) ? LogEventLevel.Debug : LogEventLevel.Information, parse.GetValue(logDir));
            ViolenceModels violenceModels;
            try
            {
                violenceModels = modelPath is not null
                    ? ViolenceModels.FromFile(modelPath)
                    : ViolenceModels.FromFolder(parse.GetValue(models)!, new ModelLoader(logger: loggerFactory.CreateLogger<ModelLoader>()),
                        loggerFactory.CreateLogger<ViolenceModels>());
            }
            catch (ModelLoadException e)
            {
                error.WriteLine($"mmf violence: no violence model: {e.Message} Pass --models DIR (an image extractor and a violence fusion model) or --model FILE.");
                return ExitCodes.Usage;
            }
            using (violenceModels)
            {
                FrameScoreLog? scoreLog = null;
                try
                {
                    if (parse.GetValue(scores) is { } scoresPath)
                        scoreLog = new FrameScoreLog(scoresPath);
                }
                catch (IOException e)
                {
                    error.WriteLine($"mmf violence: {e.Message}");
                    return ExitCodes.Usage;
                }
                using (scoreLog)
                {
                    var runner = new ViolenceRunner(options, violenceModels, parse.GetValue(outDir)!, parse.GetValue(realtime),
                        parse.GetValue(duration), loggerFactory, output, error) { Scores = scoreLog };
                    return await runner.RunAsync(cancellationToken);
                }
            }
        });
        return command;
    }
}
