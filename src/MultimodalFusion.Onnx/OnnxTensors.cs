using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace MultimodalFusion.Onnx;

/// <summary>Creates ONNX <see cref="TensorProto"/>s (initializers, Constant values) from spans.</summary>
/// <remarks>Values are copied into <c>raw_data</c> as little-endian bytes, which is what ONNX Runtime reads fastest.</remarks>
internal static class OnnxTensors
{
    public static TensorProto Float(string name, ReadOnlySpan<float> values, IReadOnlyList<long> dims) =>
        Create(name, OnnxElementType.Float, MemoryMarshal.AsBytes(values), values.Length, dims);

    public static TensorProto Int64(string name, ReadOnlySpan<long> values, IReadOnlyList<long> dims) =>
        Create(name, OnnxElementType.Int64, MemoryMarshal.AsBytes(values), values.Length, dims);

    private static TensorProto Create(string name, OnnxElementType type, ReadOnlySpan<byte> bytes, int count, IReadOnlyList<long> dims)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        long expected = 1;
        foreach (long d in dims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(dims));
            expected *= d;
        }
        if (expected != count)
            throw new ArgumentException(
                $"Tensor '{name}': shape [{string.Join(", ", dims)}] holds {expected} values but {count} were given.", nameof(dims));
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
