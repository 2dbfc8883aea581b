using BenchmarkDotNet.Attributes;
using MultimodalFusion.Benchmarks.Running;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Benchmarks.Inference;

/// <summary>Per frame: a 640x480 BGR frame -> 112x112 RGB NCHW (ImageNet mean/std) -> a tiny extractor graph over IOBinding.</summary>
/// <remarks>
/// The graph (GlobalAveragePool, Flatten, Gemm to 16 features) is written at setup with OnnxGraphBuilder, so the
/// figure is dominated by preprocessing and the ORT call overhead, which is what must not allocate. Baseline:
/// preprocessing alone. Expected: 0 B allocated per operation for both.
/// </remarks>
[MemoryDiagnoser]
public class ImageExtractorBenchmarks
{
    private const int Size = 112;
    private string _dir = "";
    private ModelSession _model = null!;
    private ImageExtractor _extractor = null!;
    private ImagePreprocessor _preprocessor = null!;
    private VideoFrame _frame = null!;
    private float[] _tensor = [];

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mmf-bench-image").FullName;
        var b = new OnnxGraphBuilder("bench-image");
        b.AddInput("image", OnnxElementType.Float, "batch", 3, Size, Size);
        var rng = new Random(1);
        b.AddInitializer("w", Enumerable.Range(0, 16 * 3).Select(_ => (float)rng.NextDouble()).ToArray(), 16, 3);
        b.AddNode("GlobalAveragePool", ["image"], ["pooled"]);
        b.AddNode("Flatten", ["pooled"], ["flat"]).Attribute("axis", 1L);
        b.AddNode("Gemm", ["flat", "w"], ["features"]).Attribute("transB", 1L);
        b.AddOutput("features", OnnxElementType.Float, "batch", 16);
        string path = Path.Combine(_dir, "bench-image.onnx");
        b.Save(path);

        _model = new OnnxSessionFactory().Create(path, new OrtSessionOptions { IntraOpThreads = 1 });
        var norm = new ImageNormalization { Width = Size, Height = Size };
        _extractor = new ImageExtractor(_model, norm);
        _preprocessor = new ImagePreprocessor(norm);
        _tensor = new float[norm.SampleLength];
        var pixels = BufferPool<byte>.Shared.Rent(640 * 480 * 3);
        rng.NextBytes(pixels.Span);
        _frame = new VideoFrame(pixels, 640, 480, PixelFormat.Bgr24, "bench", 0, 0, null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _extractor.Dispose();
        _model.Dispose();
        _frame.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Preprocessing only, into a reused array.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(BenchCategories.Quick)]
    public float Preprocess()
    {
        _preprocessor.Write(_frame, _tensor);
        return _tensor[0];
    }

    /// <summary>Preprocessing into the bound pinned input plus one ORT run with preallocated output.</summary>
    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public float PreprocessAndExtract() => _extractor.Extract(_frame)[0];
}
