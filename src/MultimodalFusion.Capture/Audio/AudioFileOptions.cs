namespace MultimodalFusion.Capture.Audio;

/// <summary>Settings of <see cref="WavFileSource"/> and <see cref="AudioFileSource"/>.</summary>
/// <param name="StreamId">Stream id stamped on every chunk.</param>
/// <param name="ChunkDuration">Length of each chunk (the last one may be shorter); default 100 ms.</param>
/// <param name="Realtime">
/// When true a chunk is released only once the clock has reached its end, as a live microphone would
/// deliver it; when false chunks go out as fast as the reader takes them.
/// </param>
/// <param name="MediaOriginMicros">
/// Clock time of the file's sample 0 (share it with a video file of the same probe so both land on
/// one timeline); null: the clock's time when <c>RunAsync</c> starts.
/// </param>
public sealed record AudioFileOptions(
    string StreamId = "audio",
    TimeSpan? ChunkDuration = null,
    bool Realtime = false,
    long? MediaOriginMicros = null)
{
    /// <summary>The chunk length in effect.</summary>
    public TimeSpan EffectiveChunkDuration => ChunkDuration ?? AudioFormat.DefaultChunkDuration;
}
