using MultimodalFusion.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Models;

/// <summary>Shapes, masking and option validation of the fusion model.</summary>
public sealed class FusionModelTests
{
    private static readonly FusionModelOptions s_options = new()
    {
        Modalities = [new("video", 6), new("audio", 4)],
        Task = FusionTask.Regression, OutputSize = 2, HiddenSize = 8, Heads = 2,
    };

    [Fact]
    public void PaddedStepsDoNotChangeTheOutput()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(5);
        using var model = new FusionModel(s_options);
        model.eval();
        var video = randn(2, 5, 6);
        var audio = randn(2, 3, 4);
        var videoMask = ones(2, 5, dtype: ScalarType.Bool);
        var audioMask = ones(2, 3, dtype: ScalarType.Bool);
        var baseline = model.forward([video, audio], [videoMask, audioMask]);

        // Two extra video steps of large garbage, masked out: the output must not move.
        var paddedVideo = cat([video, randn(2, 2, 6) * 100], 1);
        var paddedMask = cat([videoMask, zeros(2, 2, dtype: ScalarType.Bool)], 1);
        var padded = model.forward([paddedVideo, audio], [paddedMask, audioMask]);
        Assert.True((baseline - padded).abs().max().item<float>() < 1e-5f);

        // The same garbage unmasked does move it: masking, not luck, kept it still.
        var unmasked = model.forward([paddedVideo, audio], [ones(2, 7, dtype: ScalarType.Bool), audioMask]);
        Assert.True((baseline - unmasked).abs().max().item<float>() > 1e-3f);
    }

    [Fact]
    public void AbsentStreamStillGivesBoundedFiniteOutputOfTheRightShape()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(6);
        using var model = new FusionModel(s_options);
        model.eval();
        var output = model.forward([randn(3, 4, 6), randn(3, 2, 4)], [ones(3, 4, dtype: ScalarType.Bool), zeros(3, 2, dtype: ScalarType.Bool)]);
        Assert.Equal(new long[] { 3, 2 }, output.shape);
        float[] values = output.data<float>().ToArray();
        Assert.All(values, v => Assert.True(float.IsFinite(v) && v >= -1 && v <= 1));
    }

    [Fact]
    public void FusedSizeCountsBothDirectionsOfEveryPair()
    {
        var three = s_options with { Modalities = [new("a", 3), new("b", 3), new("c", 3)] };
        using var model = new FusionModel(three);
        Assert.Equal(3, model.Options.ResolvedPairs().Count);
        Assert.Equal(16 * 6, model.FusedSize);
        using var noPairs = new FusionModel(three with { Pairs = [] });
        Assert.Equal(16 * 3, noPairs.FusedSize);
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithTheSettingNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new FusionModel(s_options with { Heads = 3 }));
        Assert.Contains("Heads = 3", error.Message);
        error = Assert.Throws<ArgumentException>(() => new FusionModel(s_options with { Pairs = [(0, 2)] }));
        Assert.Contains("(0, 2)", error.Message);
    }

    [Fact]
    public void WrongFeatureSizeNamesTheStream()
    {
        using var model = new FusionModel(s_options);
        using var video = randn(1, 3, 5);
        using var audio = randn(1, 3, 4);
        using var mask = ones(1, 3, dtype: ScalarType.Bool);
        var error = Assert.Throws<ArgumentException>(() => model.forward([video, audio], [mask, mask]));
        Assert.Contains("'video'", error.Message);
        Assert.Contains("[1, 3, 5]", error.Message);
    }
}
