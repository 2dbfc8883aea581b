using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Audio slots of a fusion window: the window's mono samples (<see cref="AlignedWindow.CopyAudioMono"/>) cut into
/// t slots of <see cref="AudioEncoder.WindowSamples"/> each, every slot encoded (log-mel → audio encoder).
/// </summary>
/// <remarks>
/// A slot is present when the window has audio and the slot lies wholly inside the window's samples. The encoder is
/// not owned and must be built for slot-length windows (fusion window / t). Audio at a rate other than the encoder's
/// throws, naming the stream: resample at capture. One instance per stream.
/// </remarks>
public sealed class AudioWindowFeatures : IWindowFeatures
{
    private readonly AudioEncoder _encoder;
    private readonly float[] _samples;   // the window's mono samples, preallocated for the longest window expected

    /// <summary>Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> from windows up to <paramref name="maxWindow"/> long.</summary>
    public AudioWindowFeatures(AudioEncoder encoder, string sequenceInput, string maskInput, TimeSpan maxWindow)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        SequenceInput = sequenceInput;
        MaskInput = maskInput;
        // One extra sample: a window's sample count can round up by one.
        _samples = new float[checked((int)Math.Ceiling(maxWindow.TotalSeconds * encoder.SampleRateHz)) + 1];
    }

    /// <inheritdoc />
    public string SequenceInput { get; }

    /// <inheritdoc />
    public string MaskInput { get; }

    /// <inheritdoc />
    public int Dimensions => _encoder.FeatureLength;

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        if (window.Audio.Count == 0)
            return;
        var first = window.Audio[0];
        if (first.SampleRateHz != _encoder.SampleRateHz)
            throw new InvalidOperationException($"Audio stream '{first.StreamId}' delivers {first.SampleRateHz} Hz; the audio encoder of '{SequenceInput}' expects {_encoder.SampleRateHz} Hz (resample at capture).");
        if (window.AudioSampleCount > _samples.Length)
            throw new InvalidOperationException($"Window {window.Index} holds {window.AudioSampleCount} audio samples; '{SequenceInput}' was sized for {_samples.Length}.");
        int count = window.CopyAudioMono(_samples);
        int slot = _encoder.WindowSamples;
        int d = Dimensions;
        for (int i = 0; i < timeSteps && (i + 1) * slot <= count; i++)
        {
            _encoder.Encode(_samples.AsSpan(i * slot, slot)).CopyTo(sequence.Slice(i * d, d));
            mask[i] = true;
        }
    }
}
