using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Onnx;

/// <summary>Random inputs for a fusion model and a runner that feeds the same values to ONNX Runtime.</summary>
internal static class ParityHarness
{
    /// <summary>Adds N(0, scale²) noise to every parameter so that zero biases and unit norms cannot hide an export bug.</summary>
    public static void Perturb(nn.Module model, double scale = 0.2)
    {
        using var noGrad = no_grad();
        foreach (var (_, p) in model.named_parameters())
            p.add_(randn_like(p) * scale);
    }

    /// <summary>
    /// Features [batch, t_m, f_m] ~ N(0, 1) and masks where row r keeps its first t_m - (r % 3) steps; when
    /// <paramref name="absentRow"/> is set, that row's last stream is entirely absent; row 0 has a gap at step 1.
    /// </summary>
    public static (float[][] Features, bool[][] Masks) Inputs(FusionModelOptions options, int batch, int[] lengths, int seed, int? absentRow)
    {
        var random = new Random(seed);
        int count = options.Modalities.Count;
        var features = new float[count][];
        var masks = new bool[count][];
        for (int m = 0; m < count; m++)
        {
            int t = lengths[m], f = options.Modalities[m].FeatureSize;
            features[m] = new float[batch * t * f];
            for (int i = 0; i < features[m].Length; i++)
                features[m][i] = (float)(random.NextDouble() * 2 - 1) * 1.5f;
            masks[m] = new bool[batch * t];
            for (int r = 0; r < batch; r++)
            {
                int present = Math.Max(1, t - r % 3);
                bool absent = absentRow == r && m == count - 1;
                for (int s = 0; s < t; s++)
                    masks[m][r * t + s] = !absent && s < present;
                if (r == 0 && t > 3)
                    masks[m][1] = false; // a gap inside the sequence (a dropped frame)
            }
        }
        return (features, masks);
    }

    /// <summary>TorchSharp forward in eval mode; returns the raw head output (logits or tanh values).</summary>
    public static float[] TorchForward(FusionModel model, FusionModelOptions options, float[][] features, bool[][] masks, int batch, int[] lengths) =>
        TorchForwardWithWeights(model, options, features, masks, batch, lengths).Output;

    /// <summary>TorchSharp forward in eval mode; the head output and the modality weights (null for cross-attention).</summary>
    public static (float[] Output, float[]? Weights) TorchForwardWithWeights(FusionModel model, FusionModelOptions options, float[][] features, bool[][] masks, int batch, int[] lengths)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var (x, k) = TorchInputs(options, features, masks, batch, lengths);
        var (output, weights) = model.ForwardWithWeights(x, k);
        return (output.contiguous().data<float>().ToArray(), weights?.contiguous().data<float>().ToArray());
    }

    /// <summary>The per-stream feature and mask tensors of a parity case (created in the caller's dispose scope).</summary>
    public static (List<Tensor> Features, List<Tensor> Masks) TorchInputs(FusionModelOptions options, float[][] features, bool[][] masks, int batch, int[] lengths)
    {
        var x = new List<Tensor>();
        var k = new List<Tensor>();
        for (int m = 0; m < options.Modalities.Count; m++)
        {
            x.Add(tensor(features[m], new long[] { batch, lengths[m], options.Modalities[m].FeatureSize }));
            k.Add(tensor(masks[m], new long[] { batch, lengths[m] }));
        }
        return (x, k);
    }

    /// <summary>Runs the ONNX graph in ONNX Runtime; returns every output by name.</summary>
    public static Dictionary<string, float[]> OrtForward(byte[] onnx, FusionModelOptions options, float[][] features, bool[][] masks, int batch, int[] lengths)
    {
        using var session = new InferenceSession(onnx);
        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            for (int m = 0; m < options.Modalities.Count; m++)
            {
                var spec = options.Modalities[m];
                names.Add(spec.Name);
                values.Add(OrtValue.CreateTensorValueFromMemory(features[m], new long[] { batch, lengths[m], spec.FeatureSize }));
                names.Add(spec.Name + "_mask");
                values.Add(OrtValue.CreateTensorValueFromMemory(masks[m], new long[] { batch, lengths[m] }));
            }
            using var runOptions = new RunOptions();
            var outputNames = session.OutputNames.ToList();
            using var outputs = session.Run(runOptions, names, values, outputNames);
            var result = new Dictionary<string, float[]>();
            for (int i = 0; i < outputNames.Count; i++)
                result[outputNames[i]] = outputs[i].GetTensorDataAsSpan<float>().ToArray();
            return result;
        }
        finally
        {
            foreach (var v in values)
                v.Dispose();
        }
    }

    public static double MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }

    public static float[] Softmax(float[] logits, int k)
    {
        var result = new float[logits.Length];
        for (int r = 0; r < logits.Length / k; r++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < k; c++)
                max = Math.Max(max, logits[r * k + c]);
            for (int c = 0; c < k; c++)
                sum += Math.Exp(logits[r * k + c] - max);
            for (int c = 0; c < k; c++)
                result[r * k + c] = (float)(Math.Exp(logits[r * k + c] - max) / sum);
        }
        return result;
    }
}
