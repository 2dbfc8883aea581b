using MultimodalFusion.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Models;

/// <summary>A checkpoint round trip rebuilds the same architecture and reproduces the outputs exactly.</summary>
public sealed class FusionCheckpointTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-training-ckpt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ReloadedModelGivesIdenticalOutputs()
    {
        var options = new FusionModelOptions
        {
            Modalities = [new("video", 6), new("audio", 4), new("text", 5)], Pairs = [(0, 1), (0, 2)],
            Task = FusionTask.Regression, OutputSize = 2, HiddenSize = 6, Layers = 2, Heads = 3, AutoEncoder = true,
        };
        manual_seed(17);
        using var model = new FusionModel(options);
        string weights = Path.Combine(_directory, "va.pt");
        FusionCheckpoint.Save(model, weights, new Dictionary<string, string> { ["epoch"] = "7" });

        using var reloaded = FusionCheckpoint.Load(weights);
        Assert.Equal([(0, 1), (0, 2)], reloaded.Options.ResolvedPairs());
        Assert.Equal(2, reloaded.Options.Layers);
        Assert.True(reloaded.Options.AutoEncoder);
        Assert.Equal("7", FusionCheckpoint.ReadMetadata(weights)["epoch"]);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        reloaded.eval();
        List<Tensor> x = [randn(2, 5, 6), randn(2, 4, 4), randn(2, 3, 5)];
        List<Tensor> k = [ones(2, 5, dtype: ScalarType.Bool), ones(2, 4, dtype: ScalarType.Bool), ones(2, 3, dtype: ScalarType.Bool)];
        Assert.Equal(model.forward(x, k).data<float>().ToArray(), reloaded.forward(x, k).data<float>().ToArray());
    }

    [Fact]
    public void MissingOptionsFileIsNamed()
    {
        Directory.CreateDirectory(_directory);
        string weights = Path.Combine(_directory, "orphan.pt");
        File.WriteAllText(weights, "x");
        var error = Assert.Throws<FileNotFoundException>(() => FusionCheckpoint.Load(weights));
        Assert.Contains("orphan.json", error.Message);
    }
}
