using Microsoft.Extensions.Logging;
using MultimodalFusion.Apps.Clips;

namespace MultimodalFusion.Apps.Tests.Clips;

/// <summary>Keeps the recorder's formatted log lines (level and message) for assertions. Thread-safe.</summary>
internal sealed class ClipLog : ILogger<EventClipRecorder>
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Lines { get { lock (_lines) return _lines.ToList(); } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
            _lines.Add((logLevel, formatter(state, exception)));
    }

    public string Dump() => string.Join("\n", Lines.Select(l => $"{l.Level}: {l.Message}"));
}
