using System.CommandLine;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Cli.Violence;
using MultimodalFusion.Core.Diagnostics;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary>
/// <c>mmf violence</c>: violence alerting over configured and command-line cameras with a per-frame ONNX model;
/// events go to the SQLite store, the configured sinks and the console, with a clip and snapshot per event.
/// </summary>
internal static class ViolenceCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "appsettings-shaped JSON file (Profiles:Violence, Cameras, Sinks); MMF_ environment variables override it (MMF_Profiles__Violence__Threshold=0.9)" };
        var rtsp = new Option<string[]>("--rtsp") { Description = "An RTSP camera URL (repeatable); command-line cameras replace the configured ones and are named cam1, cam2, ...", AllowMultipleArgumentsPerToken = false };
        var source = new Option<string[]>("--source") { Description = "A video file, camera:N or /dev/videoN (repeatable); numbered after the --rtsp cameras" };
        var model = new Option<string>("--model") { Description = "The per-frame violence model (ONNX: input [batch, t, 3] mean BGR, output *_frames [batch, t, k], class 1 = violent)", Required = true };
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
            config, rtsp, source, model, outDir, realtime, duration, verbose, logDir,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string modelPath = parse.GetValue(model)!;
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
            if (!File.Exists(modelPath))
            {
                error.WriteLine($"mmf violence: model file '{modelPath}' does not exist.");
                return ExitCodes.Usage;
            }

            using var loggerFactory = LogSetup.Create(parse.GetValue(verbose) ? LogEventLevel.Debug : LogEventLevel.Information, parse.GetValue(logDir));
            var runner = new ViolenceRunner(options, modelPath, parse.GetValue(outDir)!, parse.GetValue(realtime),
                parse.GetValue(duration), loggerFactory, output, error);
            return await runner.RunAsync(cancellationToken);
        });
        return command;
    }
}
