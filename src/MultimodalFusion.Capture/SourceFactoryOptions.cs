namespace MultimodalFusion.Capture;

/// <summary>Settings that <see cref="SourceFactory"/> applies to every source it builds.</summary>
/// <param name="MediaOriginMicros">Clock time of t = 0 of every file (video, audio, transcript), so files of one run share a timeline.</param>
/// <param name="Realtime">Pace files at real time, as live sources deliver.</param>
/// <param name="VideoFps">Sample video down to this frame rate; null keeps every frame.</param>
public sealed record SourceFactoryOptions(long MediaOriginMicros, bool Realtime = false, double? VideoFps = null);
