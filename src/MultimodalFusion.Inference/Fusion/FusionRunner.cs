using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Runs a fusion model on one aligned window: per-modality feature sequences [1, t, d] (float) and presence masks
/// [1, t] (bool), as its manifest names them, to its outputs (class probabilities, valence/arousal, ...).
/// </summary>
/// <remarks>
/// Every input and output lives in a pinned array bound once through an IOBinding; the caller fills the spans from
/// <see cref="Sequence"/> and <see cref="Mask"/> and calls <see cref="Run"/>, which allocates nothing. Output spans are
/// owned by the runner and valid until the next <see cref="Run"/> or Dispose. Not thread-safe: one runner per stream.
/// Symbolic time dimensions take <c>timeSteps</c>; symbolic batch dimensions run at 1. The model is not owned.
/// </remarks>
public sealed class FusionRunner : IDisposable
{
    private readonly LoadedModel _model;
    private readonly Dictionary<string, Array> _buffers = new(StringComparer.Ordinal);   // float[] or bool[], pinned
    private readonly List<OrtValue> _values = [];
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <summary>Binds every input and output of <paramref name="model"/>; <paramref name="timeSteps"/> fills symbolic time dimensions.</summary>
    public FusionRunner(LoadedModel model, int timeSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeSteps);
        _model = model;
        var session = model.Session.Session;
        _binding = session.CreateIoBinding();
        foreach (string name in session.InputNames)
            _binding.BindInput(name, Allocate(name, session.InputMetadata[name], timeSteps));
        foreach (string name in session.OutputNames)
            _binding.BindOutput(name, Allocate(name, session.OutputMetadata[name], timeSteps));
    }

    /// <summary>The manifest's outputs in graph order (names and labels).</summary>
    public IReadOnlyList<TensorSpec> Outputs => _model.Manifest.Outputs;

    /// <summary>The writable feature buffer of float input <paramref name="input"/> (row-major [t, d]); valid for this runner's life.</summary>
    public Span<float> Sequence(string input) => Buffer<float>(input);

    /// <summary>The writable presence mask of bool input <paramref name="input"/> ([t]: true where the modality was present).</summary>
    public Span<bool> Mask(string input) => Buffer<bool>(input);

    /// <summary>Runs the model on the current buffers.</summary>
    public void Run() => _model.Session.Session.RunWithBinding(_runOptions, _binding);

    /// <summary>The values of output <paramref name="output"/> after the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Output(string output) => Buffer<float>(output);

    /// <summary>The label with the highest value in a classification output, or null when the manifest gives no labels.</summary>
    public string? TopLabel(string output)
    {
        var labels = _model.Manifest.Outputs.FirstOrDefault(o => o.Name == output)?.Labels;
        if (labels is null)
            return null;
        ReadOnlySpan<float> values = Output(output);
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return labels[best];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        foreach (var value in _values)
            value.Dispose();
        _runOptions.Dispose();
    }

    private Span<T> Buffer<T>(string name)
    {
        if (!_buffers.TryGetValue(name, out var buffer))
            throw new ArgumentException($"{_model.Session.ModelPath}: no tensor named '{name}' (it has {string.Join(", ", _buffers.Keys)}).", nameof(name));
        return buffer as T[] ?? throw new ArgumentException($"{_model.Session.ModelPath}: '{name}' holds {buffer.GetType().GetElementType()!.Name}, not {typeof(T).Name}.", nameof(name));
    }

    private OrtValue Allocate(string name, NodeMetadata meta, int timeSteps)
    {
        // Dimension 0 is the batch (run at 1); any other symbolic dimension is the window's time axis.
        long[] shape = meta.Dimensions.Select((d, k) => d >= 0 ? d : k == 0 ? 1L : timeSteps).ToArray();
        int length = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        OrtValue value = meta.ElementDataType switch
        {
            TensorElementType.Float => Create(GC.AllocateArray<float>(length, pinned: true), shape, name),
            TensorElementType.Bool => Create(GC.AllocateArray<bool>(length, pinned: true), shape, name),
            _ => throw new ArgumentException($"{_model.Session.ModelPath}: '{name}' is {meta.ElementDataType}; a fusion graph takes float sequences and bool masks."),
        };
        _values.Add(value);
        return value;
    }

    private OrtValue Create<T>(T[] buffer, long[] shape, string name) where T : unmanaged
    {
        _buffers[name] = buffer;
        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(), shape);
    }
}
