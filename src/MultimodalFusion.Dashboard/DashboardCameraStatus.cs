namespace MultimodalFusion.Dashboard;

/// <summary>Health of one camera's capture as the dashboard shows it.</summary>
/// <param name="Camera">Camera id.</param>
/// <param name="Profile">Which panel its tile shows.</param>
/// <param name="State">Short state word, e.g. "running", "reconnecting", "stopped".</param>
/// <param name="FramesPerSecond">Frames per second delivered recently.</param>
/// <param name="DroppedFrames">Frames dropped since start (back-pressure, regressions).</param>
/// <param name="Source">Where frames come from (URL or path); credentials are redacted when published.</param>
/// <param name="Message">Last error or note; credentials are redacted when published.</param>
public sealed record DashboardCameraStatus(
    string Camera,
    DashboardProfile Profile,
    string State,
    double FramesPerSecond,
    long DroppedFrames,
    string? Source = null,
    string? Message = null);
