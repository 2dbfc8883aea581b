using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Vad;

/// <summary>
/// Silero VAD v5 (ONNX) at 16 kHz: each 512-sample frame is run with the last 64 samples of the previous input
/// prepended (without that context the model detects nothing) and the recurrent state carried between frames.
/// </summary>
/// <remarks>
/// Allocation-free per frame: input, state and output live in pinned arrays bound once through an IOBinding.
/// Not thread-safe (one stream per instance). Owns neither the session nor its disposal order: dispose this first.
/// </remarks>
public sealed class SileroVad : IVoiceActivityDetector, IDisposable
{
    /// <summary>Samples of the previous input prepended to each frame.</summary>
    public const int ContextSamples = 64;

    private const int StateSize = 2 * 1 * 128;
    private readonly ModelSession _model;
    private readonly float[] _input = GC.AllocateArray<float>(ContextSamples + 512, pinned: true);
    private readonly float[] _state = GC.AllocateArray<float>(StateSize, pinned: true);
    private readonly float[] _stateOut = GC.AllocateArray<float>(StateSize, pinned: true);
    private readonly float[] _output = GC.AllocateArray<float>(1, pinned: true);
    private readonly long[] _sampleRate = GC.AllocateArray<long>(1, pinned: true);
    private readonly OrtValue[] _values;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <summary>Binds a loaded Silero v5 session (inputs input/state/sr, outputs output/stateN).</summary>
    public SileroVad(ModelSession model)
    {
        _model = model;
        foreach (string name in (string[])["input", "state", "sr"])
        {
            if (!model.Inputs.ContainsKey(name))
                throw new ArgumentException($"{model.ModelPath}: not a Silero VAD v5 graph (input '{name}' missing; it has {string.Join(", ", model.Inputs.Keys)}).");
        }
        foreach (string name in (string[])["output", "stateN"])
        {
            if (!model.Outputs.ContainsKey(name))
                throw new ArgumentException($"{model.ModelPath}: not a Silero VAD v5 graph (output '{name}' missing; it has {string.Join(", ", model.Outputs.Keys)}).");
        }
        _sampleRate[0] = SampleRateHz;
        _values =
        [
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(), [1, _input.Length]),
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _state.AsMemory(), [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _sampleRate.AsMemory(), []),
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(), [1, 1]),
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _stateOut.AsMemory(), [2, 1, 128]),
        ];
        _binding = model.Session.CreateIoBinding();
        _binding.BindInput("input", _values[0]);
        _binding.BindInput("state", _values[1]);
        _binding.BindInput("sr", _values[2]);
        _binding.BindOutput("output", _values[3]);
        _binding.BindOutput("stateN", _values[4]);
    }

    /// <inheritdoc />
    public int SampleRateHz => 16_000;

    /// <inheritdoc />
    public int FrameSamples => 512;

    /// <inheritdoc />
    public float Process(ReadOnlySpan<float> frame)
    {
        if (frame.Length != FrameSamples)
            throw new ArgumentException($"Silero VAD takes frames of {FrameSamples} samples at 16 kHz; got {frame.Length}.", nameof(frame));
        // _input = [context (last 64 samples of the previous input) | frame].
        _input.AsSpan(_input.Length - ContextSamples).CopyTo(_input);
        frame.CopyTo(_input.AsSpan(ContextSamples));
        _model.Session.RunWithBinding(_runOptions, _binding);
        _stateOut.CopyTo(_state, 0);
        return _output[0];
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_input);
        Array.Clear(_state);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        foreach (var value in _values)
            value.Dispose();
        _runOptions.Dispose();
    }
}
