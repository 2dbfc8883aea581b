namespace MultimodalFusion.Dashboard;

/// <summary>One alert transition as the dashboard shows it (mirrors the stored event, without sink details).</summary>
/// <param name="Id">Event id; later transitions with the same id replace the row.</param>
/// <param name="Camera">Camera id.</param>
/// <param name="Kind">What was detected, e.g. "violence".</param>
/// <param name="State">Lifecycle state of this transition.</param>
/// <param name="Start">Wall-clock start (UTC).</param>
/// <param name="End">Wall-clock end (UTC), null while open.</param>
/// <param name="PeakScore">Highest score so far, in [0, 1].</param>
/// <param name="Clip">Clip path relative to <see cref="DashboardOptions.ClipsRoot"/> ('/' separated), or null.</param>
/// <param name="Snapshot">Snapshot image path relative to <see cref="DashboardOptions.ClipsRoot"/>, or null.</param>
public sealed record DashboardAlert(
    string Id,
    string Camera,
    string Kind,
    DashboardAlertState State,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double PeakScore,
    string? Clip = null,
    string? Snapshot = null);
