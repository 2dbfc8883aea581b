namespace MultimodalFusion.Inference.Vad;

/// <summary>Speech probability per fixed-size frame of mono float audio in [-1, 1]; stateful across consecutive frames.</summary>
/// <remarks>Not thread-safe: one detector per audio stream. Call <see cref="Reset"/> when the stream restarts.</remarks>
public interface IVoiceActivityDetector
{
    /// <summary>Sample rate the detector expects, in Hz.</summary>
    int SampleRateHz { get; }

    /// <summary>Samples per frame passed to <see cref="Process"/>.</summary>
    int FrameSamples { get; }

    /// <summary>The probability (0..1) that <paramref name="frame"/> (exactly <see cref="FrameSamples"/> samples) contains speech.</summary>
    float Process(ReadOnlySpan<float> frame);

    /// <summary>Forgets the state carried from earlier frames.</summary>
    void Reset();
}
