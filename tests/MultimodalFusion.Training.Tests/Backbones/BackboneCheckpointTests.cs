using MultimodalFusion.TestSupport;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Models.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>A saved backbone model comes back with the same architecture, weights, batch-norm statistics and head.</summary>
public sealed class BackboneCheckpointTests : IDisposable
{
    private readonly string _directory = RepoPaths.NewTempDir("mmf-backbone-checkpoint");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EveryBackboneKindRoundTripsExactly()
    {
        torch.manual_seed(61);
        var cases = new (Backbone Model, FusionTask Task, int Outputs, Func<long[], Tensor> Draw)[]
        {
            (BackboneTestKit.SmallImage(), FusionTask.Classification, 3, BackboneTestKit.ImageLike),
            (BackboneTestKit.SmallClip(), FusionTask.Classification, 2, BackboneTestKit.ImageLike),
            (BackboneTestKit.SmallAudio(), FusionTask.Regression, 2, BackboneTestKit.LogMelLike),
        };
        foreach (var (backbone, task, outputs, draw) in cases)
        {
            BackboneTestKit.Randomise(backbone, n => draw(backbone.InputShape(n, 50)));
            using var model = new BackboneModel(backbone, task, outputs);
            string path = Path.Combine(_directory, $"{backbone.Kind}.pt");
            BackboneCheckpoint.Save(model, path, new Dictionary<string, string> { ["data"] = "test" });

            using var restored = BackboneCheckpoint.Load(path);
            Assert.Equal(backbone.GetType(), restored.Backbone.GetType());
            Assert.Equal((task, outputs), (restored.Task, restored.OutputSize));
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.eval();
            var input = draw(backbone.InputShape(2, 50));
            Assert.Equal(BackboneTestKit.Values(model.forward(input)), BackboneTestKit.Values(restored.forward(input)));
        }
    }

    [Fact]
    public void AMissingOptionsFileIsNamed()
    {
        using var model = new BackboneModel(BackboneTestKit.SmallImage(), FusionTask.Classification, 2);
        string path = Path.Combine(_directory, "image.pt");
        string optionsPath = BackboneCheckpoint.Save(model, path);
        File.Delete(optionsPath);
        var error = Assert.Throws<FileNotFoundException>(() => BackboneCheckpoint.Load(path));
        Assert.Contains(optionsPath, error.Message);
    }
}
