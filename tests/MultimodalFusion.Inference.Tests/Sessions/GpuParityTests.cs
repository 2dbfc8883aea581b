#if MMF_GPU
using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Sessions;

/// <summary>GPU build only (tools/gpu-check.sh): CUDA is really used and agrees with CPU within 1e-4.</summary>
public sealed class GpuParityTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-gpu");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Cuda_session_is_used_and_matches_cpu()
    {
        Assert.True(OnnxSessionFactory.IsGpuBuild);
        Assert.Contains("CUDAExecutionProvider", OnnxSessionFactory.AvailableProviders());
        string path = TestGraphs.ImageExtractor(_dir, size: 64, features: 16);
        var factory = new OnnxSessionFactory();
        using var gpu = factory.Create(path, new OrtSessionOptions { Provider = ExecutionProvider.Cuda });
        using var cpu = factory.Create(path);
        Assert.Equal(ExecutionProvider.Cuda, gpu.Provider);
        Assert.Null(gpu.FallbackReason);

        float[] input = TestGraphs.Weights(2 * 3 * 64 * 64, seed: 9);
        float[] Run(ModelSession m)
        {
            using var x = OrtValue.CreateTensorValueFromMemory(input, [2, 3, 64, 64]);
            using var r = m.Session.Run(new RunOptions(), ["image"], [x], ["features"]);
            return r[0].GetTensorDataAsSpan<float>().ToArray();
        }
        float[] a = Run(gpu), b = Run(cpu);
        Assert.Equal(32, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.Equal(b[i], a[i], 1e-4f);
    }
}
#endif
