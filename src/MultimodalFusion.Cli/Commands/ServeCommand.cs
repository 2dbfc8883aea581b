using System.CommandLine;
using MultimodalFusion.Apps.Hosting;
using MultimodalFusion.Cli.Serve;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Dashboard;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary>
/// <c>mmf serve</c>: the configured cameras as a long-running Generic Host service, with Prometheus metrics, structured
/// logs and (when configured) the live dashboard. Configuration: appsettings JSON, then MMF_ environment variables, then
/// <c>--Section:Key=value</c> overrides, then this command's options.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "appsettings-shaped JSON file (Profiles, Cameras, Sinks, Serve, Metrics, Dashboard)" };
        var model = new Option<string?>("--model") { Description = "One per-frame violence model fed mean BGR frame features (.onnx with its manifest); same as Serve:Model" };
        var models = new Option<string?>("--models") { Description = "Models folder: its image extractor feeds its violence fusion model; same as Serve:Models [default: onnx]" };
        var outDir = new Option<string?>("--out") { Description = "Output folder for clips and relative store/JSONL paths; same as Serve:Out [default: out]" };
        var urls = new Option<string?>("--urls") { Description = "Start the dashboard on these URLs (';'-separated); same as Dashboard:Urls" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Debug-level logs on the console" };
        var logDir = new Option<string>("--log-dir") { Description = "Folder for the rolling log files (text and JSON lines)", DefaultValueFactory = _ => "logs" };

        var command = new Command("serve", "Run the configured cameras as a service until SIGTERM or Ctrl+C: violence alerts (store, sinks, clips), " +
            "Prometheus metrics at Metrics:PrometheusUrl (default http://127.0.0.1:9464/metrics), JSON logs, and the dashboard when a Dashboard " +
            "section or --urls is given. Any configuration key can be overridden as --Section:Key=value (e.g. --Profiles:Violence:Threshold=0.9); " +
            "MMF_ environment variables (MMF_Profiles__Violence__Threshold=0.9) override the file, overrides on the command line win over both. " +
            "Exit code: 0 stopped or sources ended, 1 a camera, the model or a listener failed, 2 bad usage or configuration.")
        {
            config, model, models, outDir, urls, verbose, logDir,
        };
        // Unknown tokens are configuration overrides, handed to the configuration's command-line provider.
        command.TreatUnmatchedTokensAsErrors = false;

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            Microsoft.Extensions.Configuration.IConfigurationRoot configuration;
            try
            {
                configuration = ServeConfiguration.Build(parse.GetValue(config), parse.UnmatchedTokens, new Dictionary<string, string?>
                {
                    [$"{ServeOptions.Section}:Model"] = parse.GetValue(model),
                    [$"{ServeOptions.Section}:Models"] = parse.GetValue(models),
                    [$"{ServeOptions.Section}:Out"] = parse.GetValue(outDir),
                    [$"{DashboardOptions.SectionName}:Urls"] = parse.GetValue(urls),
                });
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException)
            {
                error.WriteLine($"mmf serve: {CredentialRedactor.Redact(e.Message)}");
                return ExitCodes.Usage;
            }
            var runner = new ServeRunner(configuration, parse.GetValue(verbose) ? LogEventLevel.Debug : LogEventLevel.Information,
                parse.GetValue(logDir), error);
            return await runner.RunAsync(cancellationToken);
        });
        return command;
    }
}
