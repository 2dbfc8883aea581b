using Google.Protobuf;
using Onnx;

namespace MultimodalFusion.Onnx;

/// <summary>
/// Builds an ONNX model in memory: typed inputs and outputs with fixed or symbolic dimensions, float and
/// int64 initializers, nodes with attributes and opset imports; then writes it to bytes or a file.
/// </summary>
/// <remarks>
/// Not thread-safe; one builder per graph. Names are checked as they are added (a value name may be produced
/// once: by an input, an initializer or a node output) and <see cref="Build"/> checks that every node input and
/// graph output is defined, so a broken graph fails here with the name instead of later inside ONNX Runtime.
/// Nodes must be added in topological order (ONNX requires it).
/// </remarks>
public sealed class OnnxGraphBuilder
{
    /// <summary>The default opset of the standard ("ai.onnx") domain: 17 keeps ReduceMean's <c>axes</c> an attribute.</summary>
    public const int DefaultOpset = 17;

    /// <summary>IR version written into the model (9 is understood by ONNX Runtime 1.16 and later).</summary>
    public const long IrVersion = 9;

    private readonly GraphProto _graph;
    private readonly Dictionary<string, long> _opsets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph called <paramref name="graphName"/> importing the standard domain at <paramref name="opset"/>.</summary>
    public OnnxGraphBuilder(string graphName, int opset = DefaultOpset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, 7);
        _graph = new GraphProto { Name = graphName };
        _opsets[""] = opset;
    }

    /// <summary>Producer name written into the model (default "MultimodalFusion").</summary>
    public string ProducerName { get; set; } = "MultimodalFusion";

    /// <summary>Producer version written into the model.</summary>
    public string ProducerVersion { get; set; } = "0.1";

    /// <summary>Free-text description stored as the model's doc string.</summary>
    public string? DocString { get; set; }

    /// <summary>Imports another operator domain (e.g. "com.microsoft") or changes the standard domain's opset ("").</summary>
    public OnnxGraphBuilder AddOpset(string domain, long version)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        _opsets[domain] = version;
        return this;
    }

    /// <summary>Adds a key/value pair to the model's metadata_props (visible through ORT's ModelMetadata.CustomMetadataMap).</summary>
    public OnnxGraphBuilder AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _metadata[key] = value ?? throw new ArgumentNullException(nameof(value));
        return this;
    }

    /// <summary>Declares a graph input; <paramref name="shape"/> mixes fixed sizes and symbolic names.</summary>
    public OnnxGraphBuilder AddInput(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        Define(name, "input");
        _graph.Input.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    /// <summary>Declares a graph output; the value must be produced by a node or be an input/initializer by <see cref="Build"/>.</summary>
    public OnnxGraphBuilder AddOutput(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_graph.Output.Any(o => o.Name == name))
            throw new InvalidOperationException($"Graph '{_graph.Name}' already has an output named '{name}'.");
        _graph.Output.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    /// <summary>Adds a float constant tensor (weights, biases); the values are copied, row-major in <paramref name="dims"/>.</summary>
    public OnnxGraphBuilder AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        Define(name, "initializer");
        _graph.Initializer.Add(OnnxTensors.Float(name, values, dims));
        return this;
    }

    /// <summary>Adds an int64 constant tensor (shapes for Reshape, axes for opset-18 reductions, indices).</summary>
    public OnnxGraphBuilder AddInt64Initializer(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        Define(name, "initializer");
        _graph.Initializer.Add(OnnxTensors.Int64(name, values, dims));
        return this;
    }

    /// <summary>
    /// Adds a node computing <paramref name="outputs"/> from <paramref name="inputs"/> with operator <paramref name="opType"/>.
    /// An empty string in <paramref name="inputs"/> marks an omitted optional input (ONNX convention, e.g. GRU's sequence_lens).
    /// </summary>
    /// <returns>A builder for the node's attributes.</returns>
    public OnnxNodeBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        string? name = null, string domain = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0)
            throw new ArgumentException($"Node {opType} needs at least one output.", nameof(outputs));
        if (!_opsets.ContainsKey(domain))
            throw new InvalidOperationException($"Node {opType} uses domain '{domain}' which is not imported; call AddOpset first.");
        foreach (string input in inputs)
        {
            if (input.Length > 0 && !_defined.Contains(input))
                throw new InvalidOperationException(
                    $"Node {opType} reads '{input}', which no input, initializer or earlier node defines.");
        }
        name ??= $"{opType}_{_graph.Node.Count}";
        if (!_nodeNames.Add(name))
            throw new InvalidOperationException($"Graph '{_graph.Name}' already has a node named '{name}'.");
        foreach (string output in outputs)
        {
            if (output.Length > 0)
                Define(output, $"output of node '{name}'");
        }
        var node = new NodeProto { OpType = opType, Name = name, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        _graph.Node.Add(node);
        return new OnnxNodeBuilder(node);
    }

    /// <summary>Returns a new <see cref="ModelProto"/> with everything added so far; the builder can keep growing afterwards.</summary>
    public ModelProto Build()
    {
        if (_graph.Output.Count == 0)
            throw new InvalidOperationException($"Graph '{_graph.Name}' has no outputs.");
        foreach (var output in _graph.Output)
        {
            if (!_defined.Contains(output.Name))
                throw new InvalidOperationException($"Graph output '{output.Name}' is not produced by any node, input or initializer.");
        }
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            DocString = DocString ?? "",
            Graph = _graph.Clone(),
        };
        foreach (var (domain, version) in _opsets)
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        foreach (var (key, value) in _metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>Serialises the model (protobuf bytes, the content of a .onnx file).</summary>
    public byte[] ToBytes() => Build().ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/>, creating its folder; replaces an existing file atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        File.WriteAllBytes(temp, ToBytes());
        File.Move(temp, full, overwrite: true);
    }

    private void Define(string name, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_defined.Add(name))
            throw new InvalidOperationException($"Graph '{_graph.Name}': '{name}' ({what}) is already defined.");
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType elementType, OnnxDim[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(dim.IsSymbolic
                ? new TensorShapeProto.Types.Dimension { DimParam = dim.Symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = dim.Value!.Value });
        }
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = tensorShape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
