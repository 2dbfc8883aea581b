namespace MultimodalFusion.Dashboard;

/// <summary>Everything the feed holds about one camera at one moment (immutable copy).</summary>
/// <param name="Camera">Camera id.</param>
/// <param name="Status">Last published status, or null.</param>
/// <param name="Frame">Latest frame's timestamp and sequence (bytes are at <c>/api/frames/{camera}.jpg</c>), or null.</param>
/// <param name="Emotion">Latest emotion estimate, or null.</param>
/// <param name="History">Valence/arousal points of the last <see cref="DashboardOptions.History"/>, oldest first.</param>
public sealed record DashboardCameraSnapshot(
    string Camera,
    DashboardCameraStatus? Status,
    DashboardFrameInfo? Frame,
    DashboardEmotion? Emotion,
    IReadOnlyList<DashboardVaPoint> History);
