using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;

namespace MultimodalFusion.Apps.Telemetry;

/// <summary>An alert sink that counts each transition on the <see cref="MmfMeter.Alerts"/> counter and logs it as one line.</summary>
/// <remarks>
/// Added to the app as an extra outbox sink (name <see cref="DefaultName"/>), so it sees every stored transition in order,
/// at least once: a transition redelivered after a crash is counted again, which a rate over the counter tolerates.
/// The log line carries a <c>camera</c> scope property. Acknowledges at once; never fails. Owns nothing.
/// </remarks>
public sealed class TelemetryAlertSink(PipelineTelemetry telemetry, ILogger<TelemetryAlertSink>? logger = null, string name = TelemetryAlertSink.DefaultName) : IAlertSink
{
    /// <summary>The outbox name this sink uses unless told otherwise; keep it stable, it keys the outbox rows.</summary>
    public const string DefaultName = "telemetry";

    private readonly PipelineTelemetry _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <inheritdoc />
    public string Name { get; } = string.IsNullOrEmpty(name) ? throw new ArgumentException("A sink name must not be empty.", nameof(name)) : name;

    /// <summary>Transitions counted by this instance.</summary>
    public long Counted => Interlocked.Read(ref _counted);

    private long _counted;

    /// <inheritdoc />
    public Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        _telemetry.RecordAlert(evt);
        Interlocked.Increment(ref _counted);
        using (_logger.BeginScope(new Dictionary<string, object> { ["camera"] = evt.Camera }))
            _logger.LogInformation("{Alert}", ConsoleSink.Format(evt));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
