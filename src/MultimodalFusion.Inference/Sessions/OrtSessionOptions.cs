using Microsoft.ML.OnnxRuntime;

namespace MultimodalFusion.Inference.Sessions;

/// <summary>How <see cref="OnnxSessionFactory"/> creates a session: provider, threads, optimisation, warm-up, fp16 variant.</summary>
public sealed record OrtSessionOptions
{
    /// <summary>Requested provider; CPU by default.</summary>
    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>GPU ordinal for CUDA/TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads across independent operators (only used in parallel execution mode); 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Graph optimisation level; all optimisations by default.</summary>
    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Runs made on zero inputs right after loading, so the first real frame does not pay for lazy initialisation.</summary>
    public int WarmUpRuns { get; init; } = 1;

    /// <summary>
    /// Load the half-precision variant <c>name.fp16.onnx</c> beside <c>name.onnx</c> when it exists (GPU providers only;
    /// on CPU fp16 is slower, so the request is ignored with a log line).
    /// </summary>
    public bool PreferFp16 { get; init; }

    /// <summary>Throws with the key name when a value is out of range.</summary>
    public void Validate()
    {
        if (IntraOpThreads < 0)
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be >= 0 (0 = ONNX Runtime default).");
        if (InterOpThreads < 0)
            throw new ArgumentOutOfRangeException(nameof(InterOpThreads), InterOpThreads, "InterOpThreads must be >= 0 (0 = ONNX Runtime default).");
        if (WarmUpRuns < 0)
            throw new ArgumentOutOfRangeException(nameof(WarmUpRuns), WarmUpRuns, "WarmUpRuns must be >= 0.");
        if (DeviceId < 0)
            throw new ArgumentOutOfRangeException(nameof(DeviceId), DeviceId, "DeviceId must be >= 0.");
    }
}
