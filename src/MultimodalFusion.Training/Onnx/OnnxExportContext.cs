using MultimodalFusion.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Onnx;

/// <summary>
/// Emits common torch layers as ONNX nodes into one <see cref="OnnxGraphBuilder"/>: linear layers on 2-D or
/// 3-D values, LayerNorm, element-wise ops, shared constants. Every value name gets a unique prefix.
/// </summary>
/// <remarks>Weights are copied out of the modules when emitted; the modules stay owned by the caller.</remarks>
internal sealed class OnnxExportContext
{
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxExportContext(OnnxGraphBuilder builder) => Builder = builder;

    public OnnxGraphBuilder Builder { get; }

    /// <summary>A fresh value name "prefix_N".</summary>
    public string Name(string prefix) => $"{prefix}_{_counter++}";

    /// <summary>One node with one output; returns the output name.</summary>
    public string Node(string opType, string prefix, params string[] inputs)
    {
        string output = Name(prefix);
        Builder.AddNode(opType, inputs, [output]);
        return output;
    }

    /// <summary>Adds a float initializer holding a copy of <paramref name="tensor"/> (any shape, CPU).</summary>
    public string Weight(string prefix, Tensor tensor)
    {
        using var contiguous = tensor.detach().cpu().contiguous();
        string name = Name(prefix);
        Builder.AddInitializer(name, contiguous.data<float>().ToArray(), contiguous.shape);
        return name;
    }

    /// <summary>Adds a float initializer from values.</summary>
    public string Weight(string prefix, float[] values, params long[] dims)
    {
        string name = Name(prefix);
        Builder.AddInitializer(name, values, dims);
        return name;
    }

    /// <summary>A shared scalar float constant (shape [], broadcasts).</summary>
    public string Scalar(float value)
    {
        string key = "f:" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (!_constants.TryGetValue(key, out string? name))
        {
            name = Name("const");
            Builder.AddInitializer(name, [value]);
            _constants[key] = name;
        }
        return name;
    }

    /// <summary>A shared int64 vector constant (axes, shapes).</summary>
    public string Int64s(params long[] values)
    {
        string key = "i:" + string.Join(",", values);
        if (!_constants.TryGetValue(key, out string? name))
        {
            name = Name("ints");
            Builder.AddInt64Initializer(name, values, values.Length);
            _constants[key] = name;
        }
        return name;
    }

    /// <summary>A shared int64 scalar constant (shape [], e.g. CumSum's axis).</summary>
    public string Int64Scalar(long value)
    {
        string key = "s:" + value;
        if (!_constants.TryGetValue(key, out string? name))
        {
            name = Name("int");
            Builder.AddInt64Initializer(name, [value]);
            _constants[key] = name;
        }
        return name;
    }

    /// <summary>y = x·Wᵀ + b for x of any rank (MatMul + Add, like torch's Linear).</summary>
    public string Linear(string input, Linear linear, string prefix)
    {
        using var transposed = linear.weight!.detach().t();
        string weight = Weight($"{prefix}_weight", transposed);
        string product = Node("MatMul", $"{prefix}_matmul", input, weight);
        if (linear.bias is null)
            return product;
        return Node("Add", $"{prefix}_out", product, Weight($"{prefix}_bias", linear.bias));
    }

    /// <summary>LayerNormalization over the last axis with the module's epsilon, scale and shift.</summary>
    public string LayerNorm(string input, LayerNorm norm, double epsilon, string prefix)
    {
        string output = Name($"{prefix}_out");
        Builder.AddNode("LayerNormalization", [input, Weight($"{prefix}_scale", norm.weight!), Weight($"{prefix}_shift", norm.bias!)], [output])
            .Attribute("axis", -1L)
            .Attribute("epsilon", (float)epsilon);
        return output;
    }

    /// <summary>Transpose with a permutation.</summary>
    public string Transpose(string input, string prefix, params long[] perm)
    {
        string output = Name(prefix);
        Builder.AddNode("Transpose", [input], [output]).Attribute("perm", perm);
        return output;
    }

    /// <summary>Reshape to <paramref name="shape"/> (0 copies the input dimension, -1 infers one).</summary>
    public string Reshape(string input, string prefix, params long[] shape) => Node("Reshape", prefix, input, Int64s(shape));

    /// <summary>Inserts size-1 axes.</summary>
    public string Unsqueeze(string input, string prefix, params long[] axes) => Node("Unsqueeze", prefix, input, Int64s(axes));
}
