using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>A video frame of an emotion run offered to an observer (a dashboard tile), with the face found in it.</summary>
/// <param name="source">The video source's stream id (as in logs and metrics; never a URL with credentials).</param>
/// <param name="frame">The frame, borrowed for the call only: read its pixels during the call, never keep it.</param>
/// <param name="face">The largest face in frame pixels, or null when none was found (or no detector is available).</param>
public delegate void EmotionFrameCallback(string source, VideoFrame frame, PixelRect? face);
