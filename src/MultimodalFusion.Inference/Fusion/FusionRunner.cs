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
/// Symbolic batch dimensions run at 1. Each stream has its own time axis, as in training (every cached stream is packed
/// to its own length): a symbolic time dimension takes the step count given for an input that carries it (an input
/// and its mask share the symbol, e.g. <c>t_audio</c>), else the default. The model is not owned.
/// </remarks>
public sealed class FusionRunner : IDisposable
{
    private readonly LoadedModel _model;
    private readonly Dictionary<string, Array> _buffers = new(StringComparer.Ordinal);   // float[] or bool[], pinned
    private readonly Dictionary<string, int> _steps = new(StringComparer.Ordinal);   // input -> its dimension 1
    private readonly List<OrtValue> _values = [];
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <summary>Binds every input and output of <paramref name="model"/>; <paramref name="timeSteps"/> fills every symbolic time dimension.</summary>
    public FusionRunner(LoadedModel model, int timeSteps)
        : this(model, new Dictionary<string, int>(), timeSteps)
    {
    }

    /// <summary>
    /// Binds every input and output of <paramref name="model"/>. <paramref name="stepsByInput"/> gives the time steps of
    /// named inputs (e.g. <c>audio</c> = 6): their symbolic time dimension, shared by the stream's mask, takes that count;
    /// other symbolic time dimensions take <paramref name="defaultSteps"/>. Inputs that share one symbolic time dimension
    /// get the largest count given for any of them.
    /// </summary>
    /// <exception cref="ArgumentException">An input that is not in the graph.</exception>
    public FusionRunner(LoadedModel model, IReadOnlyDictionary<string, int> stepsByInput, int defaultSteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stepsByInput);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultSteps);
        _model = model;
        var session = model.Session.Session;
        var bySymbol = StepsBySymbol(session, stepsByInput);
        _binding = session.CreateIoBinding();
        try
        {
            foreach (string name in session.InputNames)
                _binding.BindInput(name, Allocate(name, session.InputMetadata[name], bySymbol, defaultSteps));
            foreach (string name in session.OutputNames)
                _binding.BindOutput(name, Allocate(name, session.OutputMetadata[name], bySymbol, defaultSteps));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The manifest's outputs in graph order (names and labels).</summary>
    public IReadOnlyList<TensorSpec> Outputs => _model.Manifest.Outputs;

    /// <summary>The writable feature buffer of float input <paramref name="input"/> (row-major [t, d]); valid for this runner's life.</summary>
    public Span<float> Sequence(string input) => Buffer<float>(input);

    /// <summary>The writable presence mask of bool input <paramref name="input"/> ([t]: true where the modality was present).</summary>
    public Span<bool> Mask(string input) => Buffer<bool>(input);

    /// <summary>The time steps of input <paramref name="input"/> (the length of its dimension 1).</summary>
    public int Steps(string input) =>
        _steps.TryGetValue(input, out int steps) ? steps
            : throw new ArgumentException($"{_model.Session.ModelPath}: no input named '{input}' with a time axis (it has {string.Join(", ", _steps.Keys)}).", nameof(input));

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

    // The symbolic time dimension (dimension 1) of each input given a count, by symbol name.
    private static Dictionary<string, int> StepsBySymbol(InferenceSession session, IReadOnlyDictionary<string, int> stepsByInput)
    {
        var bySymbol = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (input, steps) in stepsByInput)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps, $"steps of '{input}'");
            if (!session.InputMetadata.TryGetValue(input, out NodeMetadata? meta))
                throw new ArgumentException($"Fusion graph has no input '{input}' (it has {string.Join(", ", session.InputNames)}).", nameof(stepsByInput));
            string? symbol = meta.Dimensions.Length > 1 && meta.Dimensions[1] < 0 ? meta.SymbolicDimensions[1] : null;
            if (string.IsNullOrEmpty(symbol))
                continue;   // a fixed time axis keeps its size
            // Streams that share one time axis (a graph with a single 't') get the longest count: the padding is masked.
            bySymbol[symbol] = Math.Max(steps, bySymbol.GetValueOrDefault(symbol));
        }
        return bySymbol;
    }

    private OrtValue Allocate(string name, NodeMetadata meta, Dictionary<string, int> bySymbol, int defaultSteps)
    {
        // Dimension 0 is the batch (run at 1); any other symbolic dimension is a time axis: its stream's count, else the default.
        long[] shape = meta.Dimensions.Select((d, k) => d >= 0 ? d : k == 0 ? 1L
            : bySymbol.TryGetValue(meta.SymbolicDimensions[k] ?? "", out int steps) ? steps : defaultSteps).ToArray();
        if (meta.IsTensor && shape.Length > 1 && _model.Session.Session.InputMetadata.ContainsKey(name))
            _steps[name] = checked((int)shape[1]);
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
