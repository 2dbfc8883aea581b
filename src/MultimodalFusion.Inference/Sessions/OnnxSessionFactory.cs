using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace MultimodalFusion.Inference.Sessions;

/// <summary>Creates <see cref="ModelSession"/>s: CPU by default, CUDA/TensorRT in the GPU build with a logged CPU fallback.</summary>
/// <remarks>
/// Thread-safe. The CPU package (Microsoft.ML.OnnxRuntime) and the GPU package (Microsoft.ML.OnnxRuntime.Gpu.Linux,
/// build with <c>-p:UseGpu=true</c>) expose the same managed API; which providers really exist is asked from the
/// native library at run time, so a CPU build asked for CUDA logs the reason and returns a CPU session.
/// </remarks>
public sealed class OnnxSessionFactory
{
    private readonly ILogger _logger;

    /// <summary>Creates a factory that logs provider choices and fallbacks to <paramref name="logger"/>.</summary>
    public OnnxSessionFactory(ILogger<OnnxSessionFactory>? logger = null) =>
        _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>True when this binary was built against the GPU package (<c>-p:UseGpu=true</c>).</summary>
    public static bool IsGpuBuild =>
#if MMF_GPU
        true;
#else
        false;
#endif

    /// <summary>Providers compiled into the loaded native ONNX Runtime (e.g. CPUExecutionProvider, CUDAExecutionProvider).</summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>Loads <paramref name="modelPath"/> (or its fp16 variant) and warms it up.</summary>
    /// <exception cref="ModelLoadException">The file is missing or is not a loadable ONNX model; the message names the file.</exception>
    public ModelSession Create(string modelPath, OrtSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        options ??= new OrtSessionOptions();
        options.Validate();
        if (!File.Exists(modelPath))
            throw new ModelLoadException(modelPath, "model file not found.");

        string loadPath = ChooseVariant(modelPath, options);
        string? fallbackReason = null;
        ExecutionProvider used = options.Provider;
        InferenceSession? session = null;
        if (options.Provider != ExecutionProvider.Cpu)
        {
            try
            {
                session = Load(loadPath, options, options.Provider);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or ProviderUnavailableException)
            {
                fallbackReason = ex.Message.Trim();
                used = ExecutionProvider.Cpu;
                loadPath = modelPath;
                _logger.LogWarning("{Model}: {Provider} provider unavailable, using CPU: {Reason}",
                    Path.GetFileName(modelPath), options.Provider, fallbackReason);
            }
        }
        session ??= Load(loadPath, options, ExecutionProvider.Cpu);

        var result = new ModelSession(session, modelPath, loadPath, used, fallbackReason);
        SessionWarmUp.Run(result, options.WarmUpRuns, _logger);
        _logger.LogInformation("Loaded {Session}", result);
        return result;
    }

    private string ChooseVariant(string modelPath, OrtSessionOptions options)
    {
        if (!options.PreferFp16)
            return modelPath;
        string fp16 = Path.ChangeExtension(modelPath, ".fp16.onnx");
        if (options.Provider == ExecutionProvider.Cpu)
        {
            _logger.LogInformation("{Model}: fp16 variant ignored on the CPU provider (slower than fp32 there)", Path.GetFileName(modelPath));
            return modelPath;
        }
        if (!File.Exists(fp16))
        {
            _logger.LogInformation("{Model}: no fp16 variant at {Fp16}, using fp32", Path.GetFileName(modelPath), fp16);
            return modelPath;
        }
        return fp16;
    }

    private static InferenceSession Load(string path, OrtSessionOptions options, ExecutionProvider provider)
    {
        using var so = new SessionOptions
        {
            GraphOptimizationLevel = options.OptimizationLevel,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (provider != ExecutionProvider.Cpu)
            AppendGpuProvider(so, provider, options.DeviceId);
        try
        {
            return new InferenceSession(path, so);
        }
        catch (OnnxRuntimeException ex) when (provider == ExecutionProvider.Cpu)
        {
            throw new ModelLoadException(path, $"not a loadable ONNX model ({ex.Message.Trim()}).", ex);
        }
    }

    private static void AppendGpuProvider(SessionOptions so, ExecutionProvider provider, int deviceId)
    {
        var available = AvailableProviders();
        string needed = provider == ExecutionProvider.TensorRt ? "TensorrtExecutionProvider" : "CUDAExecutionProvider";
        if (!available.Contains(needed))
        {
            string hint = IsGpuBuild ? "check CUDA 13 and cuDNN 9 (tools/gpu-check.sh)" : "build with -p:UseGpu=true";
            throw new ProviderUnavailableException(
                $"this ONNX Runtime has no {needed} (available: {string.Join(", ", available)}); {hint}.");
        }
        if (provider == ExecutionProvider.TensorRt)
            so.AppendExecutionProvider_Tensorrt(deviceId);
        so.AppendExecutionProvider_CUDA(deviceId);
    }

    /// <summary>The requested provider is not compiled into the loaded ONNX Runtime.</summary>
    private sealed class ProviderUnavailableException(string message) : Exception(message);
}
