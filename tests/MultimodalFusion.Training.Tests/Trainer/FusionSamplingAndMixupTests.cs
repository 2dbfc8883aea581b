using MultimodalFusion.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Trainer;

/// <summary>The batch-level pieces: balanced sampler, mixup targets and λ, soft cross-entropy, frame sampling.</summary>
public sealed class FusionSamplingAndMixupTests
{
    [Fact]
    public void BalancedSamplerDrawsClassesUniformlyFromImbalancedLabels()
    {
        // 70% / 20% / 10%: drawn uniformly, each class should get a third within 2 points.
        long[] labels = Enumerable.Range(0, 1000).Select(i => i < 700 ? 0L : i < 900 ? 1L : 2L).ToArray();
        var sampler = new FusionBalancedSampler(labels, 3);
        Assert.Equal(1.0, sampler.Weights.Sum(), 9);
        long[] drawn = sampler.Draw(30_000, new Random(3));
        var share = Enumerable.Range(0, 3).Select(c => drawn.Count(i => labels[i] == c) / 30_000.0).ToArray();
        Assert.All(share, s => Assert.InRange(s, 1 / 3.0 - 0.02, 1 / 3.0 + 0.02));
        // Within the rare class every window is used (no window of it is starved).
        Assert.Equal(100, drawn.Where(i => labels[i] == 2).Distinct().Count());
        var error = Assert.Throws<ArgumentException>(() => new FusionBalancedSampler([0, 3], 3));
        Assert.Contains("label 3", error.Message);
    }

    [Fact]
    public void MixupTargetsAreConvexCombinationsOfTheMixedPairs()
    {
        using var scope = NewDisposeScope();
        const double lambda = 0.3;
        var labels = tensor(new long[] { 0, 2, 1, 2 });
        var permutation = tensor(new long[] { 2, 0, 3, 1 });
        float[] soft = FusionMixup.MixLabels(labels, permutation, lambda, 3).data<float>().ToArray();
        long[] a = [0, 2, 1, 2], b = [1, 0, 2, 2];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                double expected = (a[r] == c ? lambda : 0) + (b[r] == c ? 1 - lambda : 0);
                Assert.Equal(expected, soft[r * 3 + c], 6);
            }
            Assert.Equal(1.0, soft.AsSpan(r * 3, 3).ToArray().Sum(), 6);
        }

        // Regression targets and features: λ·a + (1-λ)·b, inside the segment between the two rows.
        var values = tensor(new float[] { 1, -1, 0.5f, 0.5f, -0.2f, 0.8f, 0, 0 }, new long[] { 4, 2 });
        float[] mixed = FusionMixup.Mix(values, permutation, lambda).data<float>().ToArray();
        Assert.Equal(lambda * 1 + (1 - lambda) * -0.2, mixed[0], 6);
        Assert.Equal(lambda * 0.5 + (1 - lambda) * 1, mixed[2], 6);

        // Per-frame: an unlabelled frame (-1) contributes no mass from its side.
        var frames = tensor(new long[] { 1, -1, -1, 0 }, new long[] { 2, 2 });
        float[] frameSoft = FusionMixup.MixLabels(frames, tensor(new long[] { 1, 0 }), lambda, 2).data<float>().ToArray();
        // Row 0, frame 0: own class 1, partner unlabelled; frame 1: own unlabelled, partner class 0.
        Assert.Equal([0f, (float)lambda, (float)(1 - lambda), 0f], frameSoft[..4]);
        var masks = tensor(new bool[] { true, false, false, false }, new long[] { 2, 2 });
        Assert.Equal([true, false, true, false], FusionMixup.MixMask(masks, tensor(new long[] { 1, 0 })).data<bool>().ToArray());
    }

    [Fact]
    public void LambdaFollowsBeta()
    {
        var random = new Random(5);
        double[] draws = Enumerable.Range(0, 20_000).Select(_ => FusionMixup.SampleLambda(0.4, random)).ToArray();
        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        double mean = draws.Average();
        double variance = draws.Select(d => (d - mean) * (d - mean)).Average();
        Assert.InRange(mean, 0.49, 0.51);
        Assert.InRange(variance, 1 / (4 * 1.8) - 0.005, 1 / (4 * 1.8) + 0.005); // Var Beta(α, α) = 1 / (4(2α + 1))
    }

    [Fact]
    public void SoftCrossEntropyEqualsCrossEntropyOnOneHotTargets()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var logits = randn(6, 4);
        var labels = tensor(new long[] { 0, 3, 1, 1, 2, 0 });
        var weights = tensor(new float[] { 0.5f, 2f, 1f, 1.5f });
        double hard = FusionLosses.CrossEntropy(logits, labels, weights).item<float>();
        double soft = FusionLosses.SoftCrossEntropy(logits, FusionMixup.OneHot(labels, 4), weights).item<float>();
        Assert.Equal(hard, soft, 5);
        Assert.Equal(0, FusionLosses.SoftCrossEntropy(logits, zeros(6, 4), null).item<float>());
    }

    [Fact]
    public void FrameSamplingKeepsEveryStrideThStepFromTheOffset()
    {
        using var scope = NewDisposeScope();
        var steps = arange(0, 10, dtype: ScalarType.Float32).reshape(1, 10, 1);
        Assert.Equal([1f, 4f, 7f], FusionFrameSampler.Apply(steps, 3, 1).data<float>().ToArray());
        Assert.Equal((1, 0), FusionFrameSampler.Draw(1, new Random(1)));
        var random = new Random(2);
        var draws = Enumerable.Range(0, 500).Select(_ => FusionFrameSampler.Draw(3, random)).ToArray();
        Assert.All(draws, d => Assert.InRange(d.Offset, 0, d.Stride - 1));
        Assert.Equal([1, 2, 3], draws.Select(d => d.Stride).Distinct().Order());
    }
}
