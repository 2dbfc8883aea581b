namespace MultimodalFusion.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size or a symbolic name such as "batch".</summary>
/// <remarks>
/// Converts implicitly from <see cref="long"/>/<see cref="int"/> (fixed) and <see cref="string"/> (symbolic),
/// so shapes read naturally: <c>builder.AddInput("x", OnnxElementType.Float, "batch", 3, 224, 224)</c>.
/// </remarks>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null when the dimension is symbolic.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name (ONNX <c>dim_param</c>), or null when the dimension is fixed.</summary>
    public string? Symbol { get; }

    /// <summary>True when the dimension has a symbolic name instead of a fixed size.</summary>
    public bool IsSymbolic => Symbol is not null;

    /// <summary>A fixed dimension; <paramref name="size"/> must be zero or positive.</summary>
    public static OnnxDim Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDim(size, null);
    }

    /// <summary>A symbolic dimension (e.g. "batch", "time"); dimensions sharing a name must agree at run time.</summary>
    public static OnnxDim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new OnnxDim(null, name);
    }

    /// <summary>Fixed dimension from a size.</summary>
    public static implicit operator OnnxDim(long size) => Fixed(size);

    /// <summary>Fixed dimension from a size.</summary>
    public static implicit operator OnnxDim(int size) => Fixed(size);

    /// <summary>Symbolic dimension from a name.</summary>
    public static implicit operator OnnxDim(string name) => Symbolic(name);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
