using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>Small Swin configurations, random images and an eval-mode forward that returns plain arrays.</summary>
internal static class SwinTestModels
{
    /// <summary>64 px: 16x16 tokens pad to 21x21 (three windows a side, shifted), then 8x8 pad to 14x14: every padding path runs.</summary>
    public static SwinOptions Padded64 => SwinOptions.Test56 with { ImageSize = 64 };

    /// <summary>A seeded model whose every parameter (norms and zero biases included) is perturbed, so no export bug hides.</summary>
    public static SwinTransformer Random(SwinOptions options, int seed)
    {
        manual_seed(seed);
        var model = new SwinTransformer(options);
        ParityHarness.Perturb(model, 0.1);
        model.eval();
        return model;
    }

    /// <summary>Images [batch, 3, size, size] ~ U(-2, 2) (the range of ImageNet-normalised pixels).</summary>
    public static float[] Images(int batch, int size, int seed)
    {
        var random = new Random(seed);
        var values = new float[batch * 3 * size * size];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 4 - 2);
        return values;
    }

    /// <summary>TorchSharp features [batch, FeatureSize] (eval mode, no grad), flattened.</summary>
    public static float[] Features(SwinTransformer model, float[] images, int batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        int size = model.Options.ImageSize;
        var input = tensor(images, new long[] { batch, 3, size, size });
        return model.Features(input).contiguous().data<float>().ToArray();
    }
}
