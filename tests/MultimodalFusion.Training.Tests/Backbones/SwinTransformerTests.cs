using MultimodalFusion.Training.Models.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>Layout (torchvision's swin_t names and shapes), window geometry and forward behaviour of <see cref="SwinTransformer"/>.</summary>
public sealed class SwinTransformerTests
{
    [Fact]
    public void Tiny224HasTorchvisionSwinTKeysShapesAndParameterCount()
    {
        using var model = new SwinTransformer(SwinOptions.Tiny224);
        var state = model.state_dict();
        long[] Shape(string key) => state.TryGetValue(key, out var t) ? t.shape : throw new Xunit.Sdk.XunitException($"missing key {key}");

        Assert.Equal([96L, 3, 4, 4], Shape("features.0.0.weight"));
        Assert.Equal([96L], Shape("features.0.2.bias"));
        Assert.Equal([288L, 96], Shape("features.1.0.attn.qkv.weight"));
        Assert.Equal([96L, 96], Shape("features.1.1.attn.proj.weight"));
        Assert.Equal([169L, 3], Shape("features.1.0.attn.relative_position_bias_table"));
        Assert.Equal([2401L], Shape("features.1.0.attn.relative_position_index"));
        Assert.Equal([384L, 96], Shape("features.1.1.mlp.0.weight"));
        Assert.Equal([96L, 384], Shape("features.1.1.mlp.3.weight"));
        Assert.Equal([96L], Shape("features.1.0.norm1.weight"));
        Assert.Equal([192L, 384], Shape("features.2.reduction.weight"));
        Assert.Equal([384L], Shape("features.2.norm.weight"));
        Assert.Equal([169L, 12], Shape("features.5.5.attn.relative_position_bias_table"));
        Assert.Equal([768L], Shape("features.7.1.norm2.bias"));
        Assert.Equal([768L], Shape("norm.weight"));
        Assert.Equal([1000L, 768], Shape("head.weight"));
        Assert.False(state.ContainsKey("features.2.reduction.bias")); // patch merging has no bias

        // 12 blocks x 14 entries (13 parameters + the index buffer) + stem 4 + 3 merges x 3 + norm 2 + head 2.
        Assert.Equal(185, state.Count);
        // torchvision's Swin_T_Weights.IMAGENET1K_V1 meta: num_params = 28,288,354.
        Assert.Equal(28_288_354L, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void RelativePositionIndexAndShiftMaskFollowTorchvision()
    {
        long[] index = SwinWindows.RelativePositionIndex(7);
        Assert.Equal(2401, index.Length);
        Assert.Equal(84, index[0]);                 // a token with itself: offset (0, 0) is the table's centre row
        Assert.Equal(0, index[48]);                 // query (0,0), key (6,6): offset (-6, -6)
        Assert.Equal(168, index[48 * 49]);          // query (6,6), key (0,0): offset (+6, +6)
        Assert.Equal(97, index[7 * 49 + 0]);        // query (1,0), key (0,0): one row down = +13 (2 * window - 1)
        Assert.Equal(85, index[1 * 49 + 0]);        // query (0,1), key (0,0): one column right = +1

        // 14x14 map, window 7, shift 3: four windows; bands per axis [0,7), [7,11), [11,14).
        float[] mask = SwinWindows.ShiftMask(14, 14, 7, 3, 3);
        Assert.Equal(4 * 49 * 49, mask.Length);
        int Zeros(int window) => mask.Skip(window * 2401).Take(2401).Count(v => v == 0f);
        Assert.Equal(2401, Zeros(0));                          // top-left: one region
        Assert.Equal(28 * 28 + 21 * 21, Zeros(1));             // top-right: columns split 4 + 3
        Assert.Equal(16 * 16 + 12 * 12 + 12 * 12 + 9 * 9, Zeros(3)); // bottom-right: 4 regions
        Assert.All(mask, v => Assert.True(v == 0f || v == SwinWindows.MaskValue));

        Assert.Equal((14, 14, 3, 3), SwinWindows.Geometry(14, 14, 7, 3));
        Assert.Equal((7, 7, 0, 0), SwinWindows.Geometry(7, 7, 7, 3));   // one window: no shift
        Assert.Equal((21, 21, 3, 3), SwinWindows.Geometry(16, 16, 7, 3));
    }

    [Fact]
    public void PatchMergingGathersInTorchvisionOrder()
    {
        using var scope = NewDisposeScope();
        // x[h, w] = 10h + w on a 2x2 map with one channel: x0 = (0,0), x1 = (1,0), x2 = (0,1), x3 = (1,1).
        var x = tensor(new float[] { 0, 1, 10, 11 }, new long[] { 1, 2, 2, 1 });
        Assert.Equal([0f, 10f, 1f, 11f], SwinPatchMerging.Gather(x).data<float>().ToArray());
        // Odd side: a 3x3 map is padded to 4x4 with zeros, giving 2x2 cells.
        var odd = arange(1, 10, dtype: ScalarType.Float32).reshape(1, 3, 3, 1);
        var merged = SwinPatchMerging.Gather(odd);
        Assert.Equal([1L, 2, 2, 4], merged.shape);
        Assert.Equal([9f, 0f, 0f, 0f], merged[0, 1, 1].data<float>().ToArray());
    }

    [Fact]
    public void ForwardGivesFeaturesOrLogitsAndIsDeterministicOnlyInEval()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(3);
        using var features = new SwinTransformer(SwinOptions.Test56 with { StochasticDepth = 0.5 });
        using var classifier = new SwinTransformer(SwinOptions.Test56 with { Classes = 5 });
        var images = randn(2, 3, 56, 56);

        features.eval();
        var a = features.forward(images);
        Assert.Equal([2L, 48], a.shape);
        Assert.True(a.allclose(features.forward(images), rtol: 0, atol: 0));
        features.train();
        var draws = Enumerable.Range(0, 4).Select(_ => features.forward(images)).ToList();
        Assert.Contains(draws, d => !d.allclose(a, rtol: 0, atol: 1e-6)); // stochastic depth drops residual branches

        classifier.eval();
        Assert.Equal([2L, 5], classifier.forward(images).shape);
        Assert.Equal([2L, 48], classifier.Features(images).shape);
    }

    [Fact]
    public void WrongImageSizeAndInvalidOptionsAreNamed()
    {
        using var model = new SwinTransformer(SwinOptions.Test56);
        using var images = zeros(1, 3, 64, 64);
        var error = Assert.Throws<ArgumentException>(() => model.Features(images));
        Assert.Contains("[batch, 3, 56, 56]", error.Message);
        Assert.Contains("[1, 3, 64, 64]", error.Message);

        var heads = Assert.Throws<ArgumentException>(() => new SwinTransformer(SwinOptions.Test56 with { Heads = [5, 2] }));
        Assert.Contains("stage 0", heads.Message);
    }
}
