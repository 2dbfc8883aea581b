using System.Globalization;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Dashboard;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Cli.Emotion;

/// <summary>How the emotion monitor's readings and counters appear on the dashboard (one tile per video source).</summary>
/// <remarks>Pure functions; the dashboard itself knows no app types (the Dashboard project references Core only).</remarks>
internal static class EmotionDashboardMapping
{
    /// <summary>
    /// The dashboard point of <paramref name="reading"/>: the smoothed valence/arousal (what the live view and the summary
    /// show) at the window's end, and the 8 expression probabilities with their names.
    /// </summary>
    public static DashboardEmotion ToEmotion(string camera, EmotionReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new DashboardEmotion(camera, reading.EndMicros, reading.SmoothedValence, reading.SmoothedArousal,
            reading.Expressions, EmotionLabels.Expressions);
    }

    /// <summary>The label drawn on the frame: the top expression and its probability, e.g. "Happiness 62%".</summary>
    public static string TopLabel(EmotionReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return string.Create(CultureInfo.InvariantCulture, $"{reading.TopExpression} {reading.TopProbability * 100:0}%");
    }

    /// <summary>
    /// The tile's status from the run's counters: frames per second and frames dropped of the video source
    /// (<paramref name="camera"/> and its <c>.out</c> channel), and the windows fused and dropped in the message.
    /// </summary>
    /// <param name="camera">The video source's stream id (the tile).</param>
    /// <param name="source">What it reads (path or URL; the feed redacts credentials).</param>
    /// <param name="state">null: "running" while frames arrive, else "waiting"; or a final word ("ended", "stopped", "failed").</param>
    /// <param name="metrics">The run's registry (<see cref="EmotionApp.Metrics"/>).</param>
    /// <param name="windows">Readings published so far.</param>
    /// <param name="note">Appended to the message (e.g. why the run failed), or null.</param>
    public static DashboardCameraStatus ToStatus(string camera, string? source, string? state, MetricsRegistry metrics, long windows, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var video = Snapshot(metrics, camera);
        var channel = Snapshot(metrics, camera + ".out");
        long droppedWindows = Snapshot(metrics, "windows")?.Dropped ?? 0;
        double fps = video?.RatePerSecond ?? 0;
        long droppedFrames = (video?.Dropped ?? 0) + (channel?.Dropped ?? 0);
        string message = string.Create(CultureInfo.InvariantCulture, $"{windows} windows");
        if (droppedWindows > 0)
            message += string.Create(CultureInfo.InvariantCulture, $", {droppedWindows} windows dropped");
        if (!string.IsNullOrWhiteSpace(note))
            message += " · " + note;
        return new DashboardCameraStatus(camera, DashboardProfile.Emotion, state ?? (fps > 0 ? "running" : "waiting"), fps, droppedFrames, source, message);
    }

    private static MetricsSnapshot? Snapshot(MetricsRegistry metrics, string name) =>
        metrics.TryGet(name, out var stage) && stage is not null ? stage.Snapshot() : null;
}
