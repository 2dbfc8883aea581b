namespace MultimodalFusion.Inference.Sessions;

/// <summary>Which ONNX Runtime execution provider a session asks for.</summary>
public enum ExecutionProvider
{
    /// <summary>The default CPU provider (always available).</summary>
    Cpu = 0,
    /// <summary>NVIDIA CUDA (GPU build only); falls back to CPU with a log line when it cannot be appended.</summary>
    Cuda = 1,
    /// <summary>NVIDIA TensorRT, with CUDA behind it for unsupported nodes (GPU build only); falls back like CUDA.</summary>
    TensorRt = 2,
}
