using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Per-frame violence probabilities from a fusion model's per-frame head (<c>{name}_frames</c>, [batch, t, k], class 1 = violent).</summary>
/// <remarks>
/// The model is loaded through <see cref="ModelLoader"/> (manifest beside it, sha256 and graph checked) and run by a
/// <see cref="FusionRunner"/> (IOBinding, buffers bound once): the trainer's exported violence fusion graphs run as they
/// are. The window's per-frame rows go into the manifest's first float input (the base stream) and its
/// <c>{input}_mask</c> when the graph has one; other streams stay absent (mask false), as the models are trained with
/// modality dropout. The time axis is fixed at <c>timeSteps</c>: a window with more rows scores its newest
/// <c>timeSteps</c> and gives NaN for the older ones. Owns the loaded model. Not thread-safe: one camera loop calls it.
/// </remarks>
public sealed class OnnxFrameScorer : IDisposable
{
    private readonly LoadedModel _model;
    private readonly FusionRunner _runner;
    private readonly string _input;
    private readonly string? _mask;
    private readonly string _output;
    private readonly int _timeSteps;
    private readonly int _classes;
    private readonly bool _applySoftmax;

    /// <summary>
    /// Loads <paramref name="modelPath"/> for windows of up to <paramref name="timeSteps"/> frames. The output is the
    /// manifest's first "*_frames_logits" output (softmax applied), else its first "*_frames" output (softmax applied when
    /// <paramref name="applySoftmax"/>: the output holds logits). Throws <see cref="ModelLoadException"/> naming the file.
    /// </summary>
    public OnnxFrameScorer(string modelPath, int timeSteps, bool applySoftmax = true, ModelLoader? loader = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeSteps);
        ModelPath = modelPath;
        _model = (loader ?? new ModelLoader()).Load(modelPath);
        try
        {
            var manifest = _model.Manifest;
            _input = manifest.Inputs.FirstOrDefault(i => i.Dtype == "float32")?.Name
                ?? throw new ModelLoadException(modelPath, "no float32 input (the per-frame feature sequence [batch, t, d]).");
            _mask = manifest.Inputs.FirstOrDefault(i => i.Name == _input + "_mask")?.Name;
            // The trainer exports "{name}_frames" (softmax) and "{name}_frames_logits": prefer the logits.
            string? logits = manifest.Outputs.FirstOrDefault(o => o.Name.EndsWith("_frames_logits", StringComparison.Ordinal))?.Name;
            _output = logits ?? manifest.Outputs.FirstOrDefault(o => o.Name.EndsWith("_frames", StringComparison.Ordinal))?.Name
                ?? throw new ModelLoadException(modelPath, "no output named '*_frames' (the per-frame head [batch, t, k]).");
            _applySoftmax = logits is not null || applySoftmax;
            _runner = new FusionRunner(_model, timeSteps);
            _timeSteps = timeSteps;
            FeatureSize = _runner.Sequence(_input).Length / timeSteps;
            _classes = _runner.Output(_output).Length / timeSteps;
            if (_classes < 2)
                throw new ModelLoadException(modelPath, $"output '{_output}' has {_classes} class(es) per frame; the violence head needs k >= 2 (class 1 = violent).");
        }
        catch
        {
            _runner?.Dispose();
            _model.Dispose();
            throw;
        }
    }

    /// <summary>The model file, as given.</summary>
    public string ModelPath { get; }

    /// <summary>Frames per window the model's time axis holds (older rows of a longer window get NaN).</summary>
    public int TimeSteps => _timeSteps;

    /// <summary>Features per frame (d) the model expects.</summary>
    public int FeatureSize { get; }

    /// <summary>Scores one window: <paramref name="features"/> holds t rows of <see cref="FeatureSize"/> floats; returns t probabilities.</summary>
    public float[] Score(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scores = new float[features.Count];
        Score(features, scores);
        return scores;
    }

    /// <summary>
    /// As <see cref="Score(IReadOnlyList{float[]})"/> without allocating: writes the t probabilities into the first t
    /// floats of <paramref name="scores"/>. The rows are only read during the call.
    /// </summary>
    public void Score(IReadOnlyList<float[]> features, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(features);
        int t = features.Count, first = Math.Max(0, t - _timeSteps), used = t - first;
        if (scores.Length < t)
            throw new ArgumentException($"{t} frames need {t} scores; the destination has {scores.Length}.", nameof(scores));
        if (t == 0)
            return;
        Span<float> sequence = _runner.Sequence(_input);
        sequence.Clear();
        for (int i = 0; i < used; i++)
        {
            float[] row = features[first + i];
            if (row.Length != FeatureSize)
                throw new ArgumentException($"Frame {first + i} has {row.Length} features; the model wants {FeatureSize}.", nameof(features));
            row.CopyTo(sequence.Slice(i * FeatureSize, FeatureSize));
        }
        if (_mask is not null)
        {
            Span<bool> mask = _runner.Mask(_mask);
            mask.Clear();
            mask[..used].Fill(true);
        }
        _runner.Run();
        ReadOnlySpan<float> output = _runner.Output(_output);
        scores[..first].Fill(float.NaN);
        for (int i = 0; i < used; i++)
            scores[first + i] = Violent(output.Slice(i * _classes, _classes));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runner.Dispose();
        _model.Dispose();
    }

    // P(class 1): softmax over the frame's k values, or the value itself when the graph already gives probabilities.
    private float Violent(ReadOnlySpan<float> values)
    {
        if (!_applySoftmax)
            return values[1];
        float max = float.NegativeInfinity;
        foreach (float v in values)
            max = Math.Max(max, v);
        float sum = 0;
        foreach (float v in values)
            sum += MathF.Exp(v - max);
        return MathF.Exp(values[1] - max) / sum;
    }
}
