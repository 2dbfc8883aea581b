namespace MultimodalFusion.Dashboard;

/// <summary>That a camera has a new frame, without its bytes (what snapshots and change events carry).</summary>
/// <param name="Camera">Camera id.</param>
/// <param name="TimestampMicros">Capture time on the pipeline clock (int64 microseconds).</param>
/// <param name="Sequence">How many frames this camera has published, this one included.</param>
public sealed record DashboardFrameInfo(string Camera, long TimestampMicros, long Sequence);
