using System.Buffers.Binary;
using MultimodalFusion.Training.Trainer;

namespace MultimodalFusion.Training.Tests.Trainer;

/// <summary>The training-curve PNG is a real image of the requested size.</summary>
public sealed class FusionTrainingPlotTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "mmf-training-plot-" + Guid.NewGuid().ToString("N") + ".png");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void WritesAPngOfTheRequestedSize()
    {
        var epochs = Enumerable.Range(1, 6).Select(e => new FusionEpoch(e, 1.0 / e, 0.3 + 0.1 * e, 1e-3)).ToList();
        FusionTrainingPlot.SavePng(new FusionTrainingResult(epochs, 6, 0.9, "macroF1"), _path, 640, 360);

        byte[] bytes = File.ReadAllBytes(_path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.True(bytes.Length > 5_000, $"PNG of {bytes.Length} bytes looks empty");
    }

    [Fact]
    public void NoEpochsIsRejected()
    {
        Assert.Throws<ArgumentException>(() => FusionTrainingPlot.SavePng(new FusionTrainingResult([], 0, 0, "macroF1"), _path));
    }
}
