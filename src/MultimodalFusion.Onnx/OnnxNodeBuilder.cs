using Google.Protobuf;
using Onnx;

namespace MultimodalFusion.Onnx;

/// <summary>Adds attributes to one node that <see cref="OnnxGraphBuilder.AddNode"/> created; every method returns this builder.</summary>
/// <remarks>The builder writes straight into the node owned by its graph builder; keep it only while building.</remarks>
public sealed class OnnxNodeBuilder
{
    private readonly NodeProto _node;

    internal OnnxNodeBuilder(NodeProto node) => _node = node;

    /// <summary>The node's name in the graph (unique per graph).</summary>
    public string Name => _node.Name;

    /// <summary>An integer attribute (ONNX INT), e.g. Gemm's <c>transB</c> or GRU's <c>hidden_size</c>.</summary>
    public OnnxNodeBuilder Attribute(string name, long value) =>
        Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>A float attribute (ONNX FLOAT), e.g. Gemm's <c>alpha</c>.</summary>
    public OnnxNodeBuilder Attribute(string name, float value) =>
        Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    /// <summary>A string attribute (ONNX STRING), e.g. GRU's <c>direction</c>.</summary>
    public OnnxNodeBuilder Attribute(string name, string value) =>
        Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    /// <summary>An integer list attribute (ONNX INTS), e.g. ReduceMean's <c>axes</c> up to opset 17.</summary>
    public OnnxNodeBuilder Attribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return Add(attribute);
    }

    /// <summary>A float list attribute (ONNX FLOATS).</summary>
    public OnnxNodeBuilder Attribute(string name, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return Add(attribute);
    }

    /// <summary>A string list attribute (ONNX STRINGS), e.g. GRU's <c>activations</c>.</summary>
    public OnnxNodeBuilder Attribute(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return Add(attribute);
    }

    /// <summary>A tensor attribute (ONNX TENSOR), e.g. Constant's <c>value</c>; dims follow row-major order.</summary>
    public OnnxNodeBuilder TensorAttribute(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = OnnxTensors.Float(name, values, dims);
        return Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
    }

    private OnnxNodeBuilder Add(AttributeProto attribute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attribute.Name);
        if (_node.Attribute.Any(a => a.Name == attribute.Name))
            throw new InvalidOperationException($"Node '{_node.Name}' ({_node.OpType}) already has attribute '{attribute.Name}'.");
        _node.Attribute.Add(attribute);
        return this;
    }
}
