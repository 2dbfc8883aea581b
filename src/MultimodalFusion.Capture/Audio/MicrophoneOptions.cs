namespace MultimodalFusion.Capture.Audio;

/// <summary>Settings of <see cref="MicrophoneSource"/>.</summary>
/// <param name="StreamId">Stream id stamped on every chunk.</param>
/// <param name="ChunkDuration">Length of each chunk; default 100 ms.</param>
/// <param name="Server">
/// PulseAudio server, e.g. <c>unix:/run/user/1000/pulse/native</c>; null: $PULSE_SERVER as the
/// process started with, else the user's default. Passed to pa_simple_new because changing the
/// environment from .NET does not reach libpulse.
/// </param>
/// <param name="ReadSize">Audio asked for in one blocking read (small, so cancellation is noticed soon); default 20 ms.</param>
/// <param name="NoDataTimeout">
/// A run fails (transient) when the device delivered nothing for this long; an idle or suspended
/// device delivers nothing at all. Default 5 s.
/// </param>
/// <param name="CorrectForLatency">Subtract the latency the server reports at start from the stream's anchor time.</param>
public sealed record MicrophoneOptions(
    string StreamId = "mic",
    TimeSpan? ChunkDuration = null,
    string? Server = null,
    TimeSpan? ReadSize = null,
    TimeSpan? NoDataTimeout = null,
    bool CorrectForLatency = true)
{
    /// <summary>The chunk length in effect.</summary>
    public TimeSpan EffectiveChunkDuration => ChunkDuration ?? AudioFormat.DefaultChunkDuration;

    /// <summary>The read size in effect.</summary>
    public TimeSpan EffectiveReadSize => ReadSize ?? TimeSpan.FromMilliseconds(20);

    /// <summary>The no-data limit in effect.</summary>
    public TimeSpan EffectiveNoDataTimeout => NoDataTimeout ?? TimeSpan.FromSeconds(5);
}
