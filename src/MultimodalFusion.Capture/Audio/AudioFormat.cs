namespace MultimodalFusion.Capture.Audio;

/// <summary>The one audio format that every audio source delivers: 16 kHz mono float PCM in [-1, 1].</summary>
/// <remarks>
/// Models, the VAD and the speech recognizers all read this format, so sources convert (down-mix,
/// resample) at the edge and nothing downstream checks rates.
/// </remarks>
public static class AudioFormat
{
    /// <summary>Sample rate of every <see cref="Core.Packets.AudioChunk"/> from this namespace, in hertz.</summary>
    public const int SampleRateHz = 16_000;

    /// <summary>Channels of every chunk (mono).</summary>
    public const int Channels = 1;

    /// <summary>Default chunk length.</summary>
    public static readonly TimeSpan DefaultChunkDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>Sample frames in a chunk of <paramref name="duration"/> (at least one).</summary>
    public static int FramesIn(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A chunk must last longer than zero.");
        long frames = (long)Math.Round(duration.TotalSeconds * SampleRateHz);
        if (frames > 10 * SampleRateHz * 60)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A chunk must last at most ten minutes.");
        return (int)Math.Max(1, frames);
    }
}
