using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Per-frame violence probabilities from a fusion model's per-frame head (<c>{name}_frames</c>, [batch, t, k], class 1 = violent).</summary>
/// <remarks>
/// The model takes one float input [1, t, d]: a feature row per frame of the window. <see cref="Score"/> runs one
/// window and returns P(class 1) per frame (softmax over k when <paramref name="applySoftmax"/>, else the value of
/// class 1 as is). Owns its <see cref="ModelSession"/>. Not thread-safe: one camera loop calls it.
/// </remarks>
public sealed class OnnxFrameScorer : IDisposable
{
    private readonly ModelSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly bool _applySoftmax;

    /// <summary>
    /// Loads <paramref name="modelPath"/>; <paramref name="input"/>/<paramref name="output"/> default to the model's first
    /// input and its first output whose name ends in "_frames". Throws <see cref="ModelLoadException"/> naming the file.
    /// </summary>
    public OnnxFrameScorer(string modelPath, string? input = null, string? output = null, bool applySoftmax = true, OnnxSessionFactory? factory = null)
    {
        _session = (factory ?? new OnnxSessionFactory()).Create(modelPath);
        try
        {
            var meta = _session.Session.InputMetadata;
            _input = input ?? meta.Keys.First();
            if (!meta.TryGetValue(_input, out var inputMeta) || inputMeta.Dimensions.Length != 3)
                throw new ModelLoadException(modelPath, $"input '{_input}' must exist and be [batch, t, d].");
            FeatureSize = inputMeta.Dimensions[2] > 0 ? inputMeta.Dimensions[2]
                : throw new ModelLoadException(modelPath, $"input '{_input}' needs a fixed feature size d.");
            _output = output ?? _session.Session.OutputMetadata.Keys.FirstOrDefault(k => k.EndsWith("_frames", StringComparison.Ordinal))
                ?? throw new ModelLoadException(modelPath, "no output named '*_frames' (the per-frame head [batch, t, k]).");
            if (!_session.Session.OutputMetadata.ContainsKey(_output))
                throw new ModelLoadException(modelPath, $"no output '{_output}'.");
            _applySoftmax = applySoftmax;
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>Features per frame (d) the model expects.</summary>
    public int FeatureSize { get; }

    /// <summary>Scores one window: <paramref name="features"/> holds t rows of <see cref="FeatureSize"/> floats; returns t probabilities.</summary>
    public float[] Score(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        int t = features.Count;
        if (t == 0)
            return [];
        var tensor = new DenseTensor<float>([1, t, FeatureSize]);
        var flat = tensor.Buffer.Span;
        for (int i = 0; i < t; i++)
        {
            if (features[i].Length != FeatureSize)
                throw new ArgumentException($"Frame {i} has {features[i].Length} features; the model wants {FeatureSize}.", nameof(features));
            features[i].CopyTo(flat.Slice(i * FeatureSize, FeatureSize));
        }
        using var results = _session.Session.Run([NamedOnnxValue.CreateFromTensor(_input, tensor)], [_output]);
        var output = results[0].AsTensor<float>();
        if (output.Dimensions.Length != 3 || output.Dimensions[1] != t || output.Dimensions[2] < 2)
            throw new InvalidOperationException($"Model '{_session.ModelPath}' output '{_output}' has shape [{string.Join(", ", output.Dimensions.ToArray())}]; expected [1, {t}, k>=2].");
        int k = output.Dimensions[2];
        var scores = new float[t];
        for (int i = 0; i < t; i++)
        {
            if (!_applySoftmax)
            {
                scores[i] = output[0, i, 1];
                continue;
            }
            float max = float.NegativeInfinity;
            for (int c = 0; c < k; c++)
                max = Math.Max(max, output[0, i, c]);
            float sum = 0;
            for (int c = 0; c < k; c++)
                sum += MathF.Exp(output[0, i, c] - max);
            scores[i] = MathF.Exp(output[0, i, 1] - max) / sum;
        }
        return scores;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
