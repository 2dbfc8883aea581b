using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Cli.Eval;

/// <summary>
/// Runs a fusion model (<see cref="FusionRunner"/>, IOBinding, batch 1) on cached windows and feeds its outputs to a
/// video's <see cref="FramePredictions"/>: the window output always, the per-frame head <c>{output}_frames</c> when the
/// model has one and its base stream is not dropped.
/// </summary>
/// <remarks>
/// The model's streams are its float32 inputs in manifest order (the first is the base stream of the frame head), each
/// with its <c>{name}_mask</c> bool input when the graph has one; every stream must be a cache modality of the same
/// feature size. A dropped stream gets zero features and an all-false mask in every window (the test-time ablation).
/// All symbolic time axes run at one <c>timeSteps</c> (the longest window); the trainer's graphs honour the masks, so
/// the extra padding does not change their outputs. Owns the runner, not the model. Not thread-safe.
/// </remarks>
public sealed class FusionWindowScorer : IDisposable
{
    private readonly FusionRunner _runner;
    private readonly string?[] _masks;
    private readonly bool[][] _scratchMasks;
    private readonly bool[] _dropped;
    private readonly int[] _stepFrames;

    /// <summary>
    /// Binds <paramref name="model"/> for windows of up to <paramref name="timeSteps"/> rows per stream of <paramref name="streams"/>;
    /// <paramref name="useFrameHead"/> false ignores a per-frame head.
    /// </summary>
    public FusionWindowScorer(LoadedModel model, IReadOnlyList<CacheModality> streams, int timeSteps, IReadOnlyCollection<string> drop,
        bool useFrameHead = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        Streams = streams;
        _runner = new FusionRunner(model, timeSteps);
        try
        {
            var inputs = model.Manifest.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            _masks = streams.Select(s => inputs.Contains(s.Name + "_mask") ? s.Name + "_mask" : null).ToArray();
            _scratchMasks = streams.Select(_ => new bool[timeSteps]).ToArray();
            _dropped = streams.Select(s => drop.Contains(s.Name)).ToArray();
            foreach (CacheModality s in streams)
            {
                int size = _runner.Sequence(s.Name).Length / timeSteps;
                if (size != s.FeatureSize)
                    throw new ModelEvalException($"{model.Session.ModelPath}: input '{s.Name}' takes {size} features per step; the feature cache has {s.FeatureSize}.");
            }
            Output = model.Manifest.Outputs[0].Name;
            Width = _runner.Output(Output).Length;
            string frames = Output + "_frames";
            FramesOutput = useFrameHead && model.Manifest.Outputs.Any(o => o.Name == frames) && !_dropped[0] ? frames : null;
            _stepFrames = new int[timeSteps];
        }
        catch
        {
            _runner.Dispose();
            throw;
        }
    }

    /// <summary>The model's streams, in input order.</summary>
    public IReadOnlyList<CacheModality> Streams { get; }

    /// <summary>The window output (the manifest's first output).</summary>
    public string Output { get; }

    /// <summary>The per-frame head used, or null (no such output, not wanted, or the base stream is dropped).</summary>
    public string? FramesOutput { get; }

    /// <summary>Values per window and per frame: 2 (VA) or the class count.</summary>
    public int Width { get; }

    /// <summary>The float32 inputs of <paramref name="manifest"/>: the streams a fusion model reads, in order.</summary>
    public static IReadOnlyList<string> StreamNames(ModelManifest manifest) =>
        manifest.Inputs.Where(i => i.Dtype == "float32").Select(i => i.Name).ToList();

    /// <summary>Runs the model on <paramref name="window"/> and adds its outputs to <paramref name="predictions"/>.</summary>
    public void Score(CacheWindow window, FramePredictions predictions)
    {
        for (int m = 0; m < Streams.Count; m++)
        {
            Span<float> values = _runner.Sequence(Streams[m].Name);
            Span<bool> mask = _masks[m] is { } name ? _runner.Mask(name) : _scratchMasks[m];
            CacheWindowing.Fill(window, m, values, mask);
            if (_dropped[m])
            {
                values.Clear();
                mask.Clear();
            }
        }
        _runner.Run();
        predictions.AddWindow(window.StartMicros, window.EndMicros, _runner.Output(Output));
        if (FramesOutput is null)
            return;
        ReadOnlySpan<float> frames = _runner.Output(FramesOutput);
        CacheWindowing.BaseStepFrames(window, _stepFrames);
        for (int s = 0; s < _stepFrames.Length; s++)
        {
            if (_stepFrames[s] >= 0)
                predictions.AddFrame(_stepFrames[s], frames.Slice(s * Width, Width));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _runner.Dispose();
}
