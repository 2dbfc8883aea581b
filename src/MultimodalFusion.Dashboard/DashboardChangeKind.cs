namespace MultimodalFusion.Dashboard;

/// <summary>What changed in the feed; also the SSE event name (lower case).</summary>
public enum DashboardChangeKind
{
    /// <summary>A new frame; data is a <see cref="DashboardFrameInfo"/>.</summary>
    Frame,

    /// <summary>A new emotion estimate; data is a <see cref="DashboardEmotion"/>.</summary>
    Emotion,

    /// <summary>An alert transition; data is a <see cref="DashboardAlert"/>.</summary>
    Alert,

    /// <summary>A camera status; data is a <see cref="DashboardCameraStatus"/>.</summary>
    Status,
}
