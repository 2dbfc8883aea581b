namespace MultimodalFusion.Capture.Audio;

/// <summary>One open capture stream of 16 kHz mono float samples from an operating-system audio API.</summary>
/// <remarks>
/// Used by exactly one thread of <see cref="MicrophoneSource"/>, which opens, reads and disposes it.
/// </remarks>
internal interface IMicrophoneBackend : IDisposable
{
    /// <summary>Opens the device; throws <see cref="Core.Sources.SourceException"/> naming it when that fails.</summary>
    void Open();

    /// <summary>
    /// Fills up to <paramref name="buffer"/>.Length samples and returns how many; may block until
    /// they were captured, or return 0 when nothing came within a short bound.
    /// </summary>
    int Read(Span<float> buffer);

    /// <summary>Delay between capture at the device and delivery to <see cref="Read"/>, as the API reports it.</summary>
    TimeSpan Latency { get; }
}
