using Microsoft.ML.OnnxRuntime;

namespace MultimodalFusion.Inference.Sessions;

/// <summary>A loaded ONNX model: the ONNX Runtime session plus which file and provider it really uses.</summary>
/// <remarks>
/// Owns <see cref="Session"/>; disposing this disposes it. <see cref="InferenceSession.Run(RunOptions, OrtIoBinding)"/>
/// is thread-safe, but one IOBinding must not be shared between threads: give each caller its own binding.
/// </remarks>
public sealed class ModelSession : IDisposable
{
    internal ModelSession(InferenceSession session, string modelPath, string loadedPath,
        ExecutionProvider provider, string? fallbackReason)
    {
        Session = session;
        ModelPath = modelPath;
        LoadedPath = loadedPath;
        Provider = provider;
        FallbackReason = fallbackReason;
    }

    /// <summary>The ONNX Runtime session; valid until this object is disposed.</summary>
    public InferenceSession Session { get; }

    /// <summary>The model path that was asked for (<c>name.onnx</c>).</summary>
    public string ModelPath { get; }

    /// <summary>The file actually loaded: <see cref="ModelPath"/> or its <c>name.fp16.onnx</c> variant.</summary>
    public string LoadedPath { get; }

    /// <summary>The provider the session was created with (CPU after a fallback).</summary>
    public ExecutionProvider Provider { get; }

    /// <summary>Why the requested provider was not used; null when it was.</summary>
    public string? FallbackReason { get; }

    /// <summary>Input metadata by name, in graph order.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> Inputs => Session.InputMetadata;

    /// <summary>Output metadata by name, in graph order.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> Outputs => Session.OutputMetadata;

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Path.GetFileName(LoadedPath)} on {Provider}" + (FallbackReason is null ? "" : $" (fallback: {FallbackReason})");
}
