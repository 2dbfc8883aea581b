namespace MultimodalFusion.Capture.Text;

/// <summary>Settings of <see cref="TranscriptFileSource"/>.</summary>
/// <param name="StreamId">Stream id stamped on every segment.</param>
/// <param name="Realtime">
/// When true a segment is released when the clock reaches its end, as a live captioner would send it;
/// when false all segments go out at once.
/// </param>
/// <param name="MediaOriginMicros">Clock time of the media's start (share it with the video/audio of the same probe); null: the clock when the run starts.</param>
public sealed record TranscriptFileOptions(string StreamId = "transcript", bool Realtime = false, long? MediaOriginMicros = null);
