using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Dashboard;

namespace MultimodalFusion.Cli.Serve;

/// <summary>Publishes each alert transition into the dashboard's feed (an extra outbox sink of the violence app).</summary>
/// <remarks>
/// Delivered through the outbox like any sink, so the dashboard sees every transition in order; a redelivery replaces
/// the row of the same event id, so it is harmless. The name is the outbox key: keep it. Does not own the feed.
/// </remarks>
internal sealed class DashboardAlertSink(DashboardFeed feed) : IAlertSink
{
    /// <summary>The sink's outbox name.</summary>
    public const string SinkName = "dashboard";

    public string Name => SinkName;

    public Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var state = evt.State switch
        {
            AlertState.Start => DashboardAlertState.Start,
            AlertState.Update => DashboardAlertState.Update,
            _ => DashboardAlertState.End,
        };
        feed.PublishAlert(new DashboardAlert(evt.Id, evt.Camera, evt.Kind, state, evt.Start, evt.End, evt.PeakScore, evt.Clip, evt.Snapshot));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
