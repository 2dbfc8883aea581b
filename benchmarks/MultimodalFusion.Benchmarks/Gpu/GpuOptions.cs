using System.Globalization;

namespace MultimodalFusion.Benchmarks.Gpu;

/// <summary>Settings of the GPU mode (<c>gpu</c>): the Swin-T face path on CUDA/TensorRT, fp32 and fp16, and batched streams.</summary>
public sealed record GpuOptions
{
    /// <summary>Usage of the gpu mode's options.</summary>
    public const string Usage = """
        gpu --swin MODEL.onnx [--batches 1,4,8,16] [--iterations N] [--cpu-iterations N] [--device N] [--artifacts DIR]
          The Swin-T face path: a face found in astronaut.png (Haar cascade), cropped and preprocessed to 224x224
          (ImageNet mean/std), replicated for each stream, through MODEL.onnx (an image extractor with a dynamic batch axis,
          e.g. from `mmf-train export --swin WEIGHTS`). Variants: CPU fp32 (baseline), CUDA fp32, CUDA fp16 (when
          MODEL.fp16.onnx exists beside it), TensorRT fp32 and TensorRT fp16 (trt_fp16_enable). Per variant and batch
          (= streams batched into one run): p50/p99 per run, images per second, and the largest difference from CUDA fp32.
          Needs a build with -p:UseGpu=true, an NVIDIA driver, CUDA 13, cuDNN 9 (TensorRT 10 for the TensorRT rows).
          Defaults: batches 1,4,8,16; 200 iterations (20 on the CPU); device 0; --artifacts BenchmarkDotNet.Artifacts/gpu.
          --swin stand-in: the representative image CNN written at setup instead (not Swin-T), to check the mode itself.
        """;

    /// <summary>The <see cref="Swin"/> value that asks for the representative CNN written at setup.</summary>
    public const string StandIn = "stand-in";

    /// <summary>The Swin-T image extractor (input [batch, 3, 224, 224]), or <see cref="StandIn"/>.</summary>
    public string Swin { get; init; } = "";

    /// <summary>Streams batched into one run, one row each.</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1, 4, 8, 16];

    /// <summary>Timed runs per GPU variant and batch.</summary>
    public int Iterations { get; init; } = 200;

    /// <summary>Timed runs per batch on the CPU baseline.</summary>
    public int CpuIterations { get; init; } = 20;

    /// <summary>GPU ordinal.</summary>
    public int Device { get; init; }

    /// <summary>Folder of the markdown report (and TensorRT's engine cache).</summary>
    public string Artifacts { get; init; } = Path.Combine("BenchmarkDotNet.Artifacts", "gpu");

    /// <summary>Parses the arguments after <c>gpu</c>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static GpuOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GpuOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--swin" => options with { Swin = Value() },
                "--batches" => options with { Batches = [.. Value().Split(',', StringSplitOptions.TrimEntries).Select(v => Positive(name, v))] },
                "--iterations" => options with { Iterations = Positive(name, Value()) },
                "--cpu-iterations" => options with { CpuIterations = Positive(name, Value()) },
                "--device" => options with { Device = int.TryParse(Value(), out int d) && d >= 0 ? d : throw new ArgumentException($"{name} must be a GPU ordinal (0, 1, ...).") },
                "--artifacts" => options with { Artifacts = Value() },
                _ => throw new ArgumentException($"unknown gpu option '{name}'."),
            };
        }
        if (options.Swin.Length == 0)
            throw new ArgumentException("gpu needs --swin MODEL.onnx (export one with mmf-train export --swin WEIGHTS --out DIR).");
        if (options.Swin != StandIn && !File.Exists(options.Swin))
            throw new ArgumentException($"--swin {options.Swin}: file not found.");
        return options;
    }

    private static int Positive(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{name} '{text}' is not a positive whole number.");
}
