using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Stages;

/// <summary>
/// Log-mel frontend plus an audio-encoder ONNX model over one fixed-length window of mono samples, allocation-free
/// per call: the log-mel frames are written straight into the pinned input tensor [1, frames, mels] bound once
/// through an <see cref="OrtIoBinding"/>, and the output [1, d] lives in a pinned array.
/// </summary>
/// <remarks>
/// The model takes one float input [batch, time, mels] (time may be symbolic) and gives one float output [batch, d].
/// Not thread-safe: one encoder per stream. The model session is not owned. The span returned by
/// <see cref="Encode"/> is owned by the encoder and valid until the next call or Dispose.
/// </remarks>
public sealed class AudioEncoder : IDisposable
{
    private readonly ModelSession _model;
    private readonly LogMelSpectrogram _logMel;
    private readonly float[] _input;    // pinned: [1, frames, mels]
    private readonly float[] _output;   // pinned: [1, d]
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <summary>Binds <paramref name="model"/> for windows of <paramref name="window"/> at the options' sample rate.</summary>
    public AudioEncoder(ModelSession model, LogMelOptions options, TimeSpan window)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _logMel = new LogMelSpectrogram(options);
        WindowSamples = checked((int)Math.Round(window.TotalSeconds * options.SampleRateHz));
        if (WindowSamples <= options.FftSize / 2)
            throw new ArgumentException($"{model.ModelPath}: a {window.TotalMilliseconds} ms window holds {WindowSamples} samples; log-mel needs more than {options.FftSize / 2}.", nameof(window));
        Frames = _logMel.FrameCount(WindowSamples);
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1)
            throw new ArgumentException($"{model.ModelPath}: an audio encoder needs 1 input and 1 output; the graph has {model.Inputs.Count} and {model.Outputs.Count}.");
        var (inputName, inputMeta) = model.Inputs.First();
        var (outputName, outputMeta) = model.Outputs.First();
        int[] dims = inputMeta.Dimensions;
        if (dims.Length != 3 || (dims[1] > 0 && dims[1] != Frames) || (dims[2] > 0 && dims[2] != options.MelBins))
            throw new ArgumentException($"{model.ModelPath}: input '{inputName}' is [{string.Join(", ", dims)}]; expected [batch, {Frames} frames, {options.MelBins} mels].");
        long[] outputShape = outputMeta.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        _input = GC.AllocateArray<float>(Frames * options.MelBins, pinned: true);
        _output = GC.AllocateArray<float>(checked((int)outputShape.Aggregate(1L, (a, b) => a * b)), pinned: true);
        _inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(), [1, Frames, options.MelBins]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(), outputShape);
        _binding = model.Session.CreateIoBinding();
        _binding.BindInput(inputName, _inputValue);
        _binding.BindOutput(outputName, _outputValue);
    }

    /// <summary>Samples per window.</summary>
    public int WindowSamples { get; }

    /// <summary>Log-mel frames per window (1 + samples / hop).</summary>
    public int Frames { get; }

    /// <summary>Sample rate the frontend expects, in Hz.</summary>
    public int SampleRateHz => _logMel.Options.SampleRateHz;

    /// <summary>Feature length per window.</summary>
    public int FeatureLength => _output.Length;

    /// <summary>The log-mel input of the last <see cref="Encode"/> (row-major [frames, mels]).</summary>
    public ReadOnlySpan<float> LastLogMel => _input;

    /// <summary>Features of exactly <see cref="WindowSamples"/> mono samples; valid until the next call.</summary>
    public ReadOnlySpan<float> Encode(ReadOnlySpan<float> samples)
    {
        if (samples.Length != WindowSamples)
            throw new ArgumentException($"{_model.ModelPath}: the encoder takes windows of {WindowSamples} samples; got {samples.Length}.", nameof(samples));
        _logMel.Compute(samples, _input);
        _model.Session.RunWithBinding(_runOptions, _binding);
        return _output;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
    }
}
