namespace MultimodalFusion.Dashboard;

/// <summary>One change of the feed, as delivered to subscribers.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Camera">Which camera.</param>
/// <param name="Data">
/// The published record: <see cref="DashboardFrameInfo"/>, <see cref="DashboardEmotion"/>, <see cref="DashboardAlert"/> or
/// <see cref="DashboardCameraStatus"/> per <paramref name="Kind"/>. Immutable; shared by all subscribers.
/// </param>
public sealed record DashboardChange(DashboardChangeKind Kind, string Camera, object Data);
