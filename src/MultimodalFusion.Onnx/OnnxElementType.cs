namespace MultimodalFusion.Onnx;

/// <summary>ONNX tensor element types (the values of <c>TensorProto.DataType</c> in onnx.proto).</summary>
/// <remarks>Only the types the project writes are listed; the numbers are fixed by the ONNX standard.</remarks>
public enum OnnxElementType
{
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,
    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer (shapes, axes, token ids).</summary>
    Int64 = 7,
    /// <summary>Boolean (masks).</summary>
    Bool = 9,
    /// <summary>16-bit IEEE half float.</summary>
    Float16 = 10,
    /// <summary>64-bit IEEE float.</summary>
    Double = 11,
}
