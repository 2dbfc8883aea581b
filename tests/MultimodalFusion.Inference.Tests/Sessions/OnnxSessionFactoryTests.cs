using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Sessions;

public sealed class OnnxSessionFactoryTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-sessions");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Cpu_session_runs_the_graph_with_requested_threads()
    {
        var logger = new ListLogger<OnnxSessionFactory>();
        string path = TestGraphs.Linear(_dir);
        using var model = new OnnxSessionFactory(logger).Create(path,
            new OrtSessionOptions { IntraOpThreads = 1, InterOpThreads = 1, OptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC, WarmUpRuns = 2 });

        Assert.Equal(ExecutionProvider.Cpu, model.Provider);
        Assert.Null(model.FallbackReason);
        Assert.Equal(["x"], model.Inputs.Keys);
        using var x = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 0, 0, 0 }, [1, 4]);
        using var results = model.Session.Run(new RunOptions(), ["x"], [x], ["y"]);
        float[] w = TestGraphs.Weights(12, 1), b = TestGraphs.Weights(3, 2);
        float[] y = results[0].GetTensorDataAsSpan<float>().ToArray();
        for (int j = 0; j < 3; j++)
            Assert.Equal(Math.Max(0, w[j] + b[j]), y[j], 1e-6f);   // row 0 of W plus bias, relu
        Assert.Contains(logger.Entries, e => e.Message.Contains("Loaded linear.onnx on Cpu"));
    }

#if !MMF_GPU
    [Theory]
    [InlineData(ExecutionProvider.Cuda, "CUDAExecutionProvider")]
    [InlineData(ExecutionProvider.TensorRt, "TensorrtExecutionProvider")]
    public void Gpu_request_in_cpu_build_falls_back_to_cpu_and_logs_why(ExecutionProvider provider, string missing)
    {
        Assert.False(OnnxSessionFactory.IsGpuBuild, "this test covers the CPU build; run tools/gpu-check.sh on a GPU machine");
        var logger = new ListLogger<OnnxSessionFactory>();
        string path = TestGraphs.Linear(_dir);

        using var model = new OnnxSessionFactory(logger).Create(path, new OrtSessionOptions { Provider = provider, PreferFp16 = true });

        Assert.Equal(ExecutionProvider.Cpu, model.Provider);
        Assert.Contains(missing, model.FallbackReason);
        Assert.Contains("-p:UseGpu=true", model.FallbackReason);
        Assert.Equal(path, model.LoadedPath);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"{provider} provider unavailable, using CPU"));
    }

#endif

    [Fact]
    public void Fp16_variant_is_ignored_on_cpu_with_a_log_line()
    {
        var logger = new ListLogger<OnnxSessionFactory>();
        string path = TestGraphs.Linear(_dir);
        File.Copy(path, Path.Combine(_dir, "linear.fp16.onnx"));

        using var model = new OnnxSessionFactory(logger).Create(path, new OrtSessionOptions { PreferFp16 = true });

        Assert.Equal(path, model.LoadedPath);
        Assert.Contains(logger.Entries, e => e.Message.Contains("fp16 variant ignored on the CPU provider"));
    }

    [Fact]
    public void File_that_is_not_onnx_fails_naming_the_file()
    {
        string bogus = Path.Combine(_dir, "bogus.onnx");
        File.WriteAllText(bogus, "this is not a protobuf model");
        var ex = Assert.Throws<ModelLoadException>(() => new OnnxSessionFactory().Create(bogus));
        Assert.StartsWith(bogus + ": not a loadable ONNX model", ex.Message);

        var corrupt = Assert.Throws<ModelLoadException>(() => new OnnxSessionFactory().Create(RepoPaths.Media("corrupt.mp4")));
        Assert.Contains("corrupt.mp4", corrupt.Message);

        var missing = Assert.Throws<ModelLoadException>(() => new OnnxSessionFactory().Create(Path.Combine(_dir, "absent.onnx")));
        Assert.Contains("absent.onnx: model file not found", missing.Message);
    }

    [Fact]
    public void Negative_thread_count_is_rejected_naming_the_key()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new OrtSessionOptions { IntraOpThreads = -1 }.Validate());
        Assert.Equal("IntraOpThreads", ex.ParamName);
    }
}
