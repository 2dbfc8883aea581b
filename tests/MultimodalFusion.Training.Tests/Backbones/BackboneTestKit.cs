using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Training.Models.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>Small backbones, non-trivial weights and batch-norm statistics, and runners that feed the same input to TorchSharp and ONNX Runtime.</summary>
internal static class BackboneTestKit
{
    public static SmallImageCnn SmallImage() => new(new SmallImageCnnOptions { InputSize = 32, Channels = [8, 16, 24], FeatureSize = 20 });

    public static ClipStem SmallClip() => new(new ClipStemOptions { InputSize = 32, StemChannels = 6, FoldChannels = 10, Channels = [16, 24], FeatureSize = 18 });

    public static LogMelAudioEncoder SmallAudio() => new(new LogMelAudioEncoderOptions { Channels = [32, 40], Strides = [1, 2], FeatureSize = 16 });

    /// <summary>
    /// Perturbs every parameter (so unit scales and zero shifts cannot hide an export bug) and runs eight train-mode
    /// batches drawn like <paramref name="sample"/> so the batch-norm running statistics move away from (0, 1);
    /// leaves the model in eval mode.
    /// </summary>
    public static void Randomise(Backbone model, Func<long, Tensor> sample)
    {
        using var noGrad = no_grad();
        foreach (var (_, p) in model.named_parameters())
        {
            // Noise at half each tensor's typical magnitude (0.2 for all-zero biases): large enough to catch a
            // mis-ordered or dropped weight, small enough that activations stay O(1) through the conv stack.
            double typical = p.abs().mean().item<float>();
            p.add_(randn_like(p) * (typical > 0 ? 0.5 * typical : 0.2));
        }
        model.train();
        for (int i = 0; i < 8; i++)
        {
            using var scope = NewDisposeScope();
            model.forward(sample(4));
        }
        model.eval();
    }

    /// <summary>Image-like planes: per-channel offsets and scales around the normalised range.</summary>
    public static Tensor ImageLike(long[] shape) => randn(shape) * 0.8 + 0.3;

    /// <summary>Log-mel-like values: natural-log power spread over about -14..6.</summary>
    public static Tensor LogMelLike(long[] shape) => randn(shape) * 3.5 - 4.0;

    /// <summary>Eval-mode TorchSharp features of <paramref name="input"/> with <paramref name="shape"/>.</summary>
    public static float[] TorchForward(Backbone model, float[] input, long[] shape)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        return model.forward(tensor(input, shape)).contiguous().data<float>().ToArray();
    }

    /// <summary>The graph's single output for one input, run by ONNX Runtime.</summary>
    public static float[] OrtForward(byte[] onnx, string inputName, float[] input, long[] shape)
    {
        using var session = new InferenceSession(onnx);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [value], session.OutputNames.ToList());
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    public static double MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }

    /// <summary>Largest |value|, to show a comparison is not between near-zero outputs.</summary>
    public static double MaxAbs(ReadOnlySpan<float> a)
    {
        double max = 0;
        foreach (float v in a)
            max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
