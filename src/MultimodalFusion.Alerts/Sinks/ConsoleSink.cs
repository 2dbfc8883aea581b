using System.Globalization;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Alerts.Sinks;

/// <summary>Writes one human-readable line per event transition (demos, `mmf violence` without other sinks).</summary>
/// <remarks>
/// Line form: <c>ALERT start gate violence evt_01... peak=0.930 start=2026-11-24T20:41:07.250Z end=- clip=clips/gate/evt_01.mp4</c>.
/// Acknowledged once the writer flushed. Does not own the writer.
/// </remarks>
public sealed class ConsoleSink(TextWriter? writer = null, string name = "console") : IAlertSink
{
    private readonly TextWriter _writer = writer ?? Console.Out;
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public string Name { get; } = string.IsNullOrEmpty(name) ? throw new ArgumentException("A sink name must not be empty.", nameof(name)) : name;

    /// <summary>The line written for <paramref name="evt"/>.</summary>
    public static string Format(AlertEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv, $"ALERT {evt.State.ToString().ToLowerInvariant()} {evt.Camera} {evt.Kind} {evt.Id} peak={evt.PeakScore:F3} " +
            $"start={evt.Start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} end={(evt.End is { } e ? e.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", inv) : "-")} " +
            $"clip={evt.Clip ?? "-"}");
    }

    /// <inheritdoc />
    public Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string line = Format(evt);
        lock (_lock)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
