using Microsoft.ML.OnnxRuntime;

namespace MultimodalFusion.Benchmarks.Gpu;

/// <summary>One execution provider and precision of the GPU mode, and how its session is created.</summary>
/// <param name="Provider">"CPU", "CUDA" or "TensorRT".</param>
/// <param name="Precision">"fp32" or "fp16".</param>
/// <param name="ModelPath">The graph this variant loads (the fp16 file for CUDA fp16).</param>
public sealed record GpuVariant(string Provider, string Precision, string ModelPath)
{
    /// <summary>
    /// A session on this variant's provider. TensorRT gets an engine cache under <paramref name="cacheDir"/> (building
    /// a Swin-T engine takes minutes; later runs reuse it) and CUDA as the fallback for nodes TensorRT does not take.
    /// Throws <see cref="OnnxRuntimeException"/> when the provider cannot start (no driver, CUDA, cuDNN or TensorRT).
    /// </summary>
    public InferenceSession Create(int device, string cacheDir)
    {
        using var so = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        switch (Provider)
        {
            case "TensorRT":
                Directory.CreateDirectory(cacheDir);
                using (var trt = new OrtTensorRTProviderOptions())
                {
                    trt.UpdateOptions(new Dictionary<string, string>
                    {
                        ["device_id"] = device.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["trt_fp16_enable"] = Precision == "fp16" ? "1" : "0",
                        ["trt_engine_cache_enable"] = "1",
                        ["trt_engine_cache_path"] = cacheDir,
                    });
                    so.AppendExecutionProvider_Tensorrt(trt);
                }
                so.AppendExecutionProvider_CUDA(device);
                break;
            case "CUDA":
                so.AppendExecutionProvider_CUDA(device);
                break;
        }
        return new InferenceSession(ModelPath, so);
    }

    /// <summary>The variants for <paramref name="swin"/>: CPU, CUDA fp32, CUDA fp16 (when <c>name.fp16.onnx</c> exists), TensorRT fp32 and fp16.</summary>
    public static List<GpuVariant> For(string swin)
    {
        string fp16 = Path.ChangeExtension(swin, ".fp16.onnx");
        var variants = new List<GpuVariant> { new("CPU", "fp32", swin), new("CUDA", "fp32", swin) };
        if (File.Exists(fp16))
            variants.Add(new("CUDA", "fp16", fp16));
        variants.Add(new("TensorRT", "fp32", swin));
        variants.Add(new("TensorRT", "fp16", swin));
        return variants;
    }
}
