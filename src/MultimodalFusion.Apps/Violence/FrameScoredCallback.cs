using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Called by <see cref="CameraScoringLoop"/> once per frame, after the frame's violence score went to the alert rule.</summary>
/// <param name="camera">The camera id (<c>Cameras[i].Id</c>).</param>
/// <param name="frame">
/// The scored frame, only borrowed for the call: the loop disposes it afterwards. A callback that keeps the frame (or
/// its pixels) beyond the call must take its own reference with <see cref="VideoFrame.Retain"/> and dispose that.
/// </param>
/// <param name="score">P(violent) in [0, 1] as the rule saw it (NaN when the window held more frames than the model's time axis).</param>
/// <remarks>
/// Runs on the camera's loop, so a slow callback slows that camera's scoring: hand work off to a queue. The loop catches
/// and logs an exception from the callback and goes on.
/// </remarks>
public delegate void FrameScoredCallback(string camera, VideoFrame frame, float score);
