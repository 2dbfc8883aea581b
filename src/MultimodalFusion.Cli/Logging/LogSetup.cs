using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

namespace MultimodalFusion.Cli.Logging;

/// <summary>Creates the Serilog pipeline of the CLI: console (stderr) plus a rolling file, both redacted.</summary>
internal static class LogSetup
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// A logger factory writing to stderr at <paramref name="consoleLevel"/> and to
    /// <c>{logDirectory}/mmf-YYYYMMDD.log</c> (rolled daily, 14 files kept) at Debug. Dispose it to flush.
    /// </summary>
    public static ILoggerFactory Create(LogEventLevel consoleLevel, string? logDirectory) =>
        new SerilogLoggerFactory(CreateLogger(consoleLevel, logDirectory, json: false), dispose: true);

    /// <summary>
    /// The Serilog logger behind <see cref="Create"/>; with <paramref name="json"/> also a structured file
    /// <c>{logDirectory}/mmf-YYYYMMDD.json</c>: one JSON object per line with the rendered message and every property
    /// (scopes such as <c>camera</c> included), redacted like the other sinks. Dispose it to flush.
    /// </summary>
    public static Serilog.Core.Logger CreateLogger(LogEventLevel consoleLevel, string? logDirectory, bool json)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .Enrich.FromLogContext()
            .WriteTo.Console(new RedactingFormatter(ConsoleTemplate), restrictedToMinimumLevel: consoleLevel,
                standardErrorFromLevel: LogEventLevel.Verbose);
        if (!string.IsNullOrEmpty(logDirectory))
        {
            config.WriteTo.File(new RedactingFormatter(FileTemplate), Path.Combine(logDirectory, "mmf-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true);
            if (json)
            {
                config.WriteTo.File(new RedactingFormatter(new JsonFormatter(renderMessage: true)), Path.Combine(logDirectory, "mmf-.json"),
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true);
            }
        }
        return config.CreateLogger();
    }
}
