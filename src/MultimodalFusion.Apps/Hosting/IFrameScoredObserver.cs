using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Apps.Hosting;

/// <summary>Something a host registers to see every scored frame of every camera (a dashboard's live tile, a probe).</summary>
/// <remarks>
/// Called on the camera's loop after the frame's score went to the alert rule, so it must be quick: hand work off.
/// The frame is borrowed for the call only; keep it longer only through <see cref="VideoFrame.Retain"/> (and dispose
/// that reference). An exception is logged by the loop and ignored.
/// </remarks>
public interface IFrameScoredObserver
{
    /// <summary>One scored frame of <paramref name="camera"/>; <paramref name="score"/> is P(violent) in [0, 1] or NaN.</summary>
    void OnFrameScored(string camera, VideoFrame frame, float score);
}
