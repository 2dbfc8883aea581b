namespace MultimodalFusion.Dashboard;

/// <summary>The whole feed at one moment (what <c>/api/state</c> returns and SSE sends first).</summary>
/// <param name="Cameras">Cameras in the order they first published.</param>
/// <param name="Alerts">Alerts, newest start first, at most <see cref="DashboardOptions.MaxAlerts"/>.</param>
/// <param name="HistorySeconds">Length of the valence/arousal history kept, in seconds.</param>
public sealed record DashboardSnapshot(
    IReadOnlyList<DashboardCameraSnapshot> Cameras,
    IReadOnlyList<DashboardAlert> Alerts,
    double HistorySeconds);
