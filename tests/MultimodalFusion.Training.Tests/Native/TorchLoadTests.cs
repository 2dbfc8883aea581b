using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Native;

/// <summary>TorchSharp's native library loads from this build's output (the GLIBCXX relaxation works).</summary>
public sealed class TorchLoadTests
{
    [Fact]
    public void MatMulOnCpuGivesTheHandComputedProduct()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        using var c = a.matmul(b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }
}
