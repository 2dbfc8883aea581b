using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace MultimodalFusion.Training.Cli.Logging;

/// <summary>The Serilog pipeline of <c>mmf-train</c>: one console sink on stderr (stdout carries the results).</summary>
internal static class CliLog
{
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>A logger factory writing Information and above to stderr; dispose it to flush.</summary>
    public static ILoggerFactory Create() => new SerilogLoggerFactory(
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger(),
        dispose: true);
}
