using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Per aligned window of one stream: fills every modality's feature sequence and presence mask
/// (<see cref="IWindowFeatures"/>), runs the <see cref="FusionRunner"/> and writes a <see cref="FusionPrediction"/>.
/// </summary>
/// <remarks>
/// Disposes every window it reads. The runner and feature sources are not owned and belong to this stage alone (one
/// stage per stream); a failure in one of them faults this stage only, so the other streams' stages keep going.
/// Fusion inputs that no feature source fills stay all-absent (mask false).
/// </remarks>
public sealed class FusionStage : PipelineStage<AlignedWindow, FusionPrediction>
{
    private readonly FusionRunner _runner;
    private readonly IReadOnlyList<IWindowFeatures> _features;
    private readonly string? _labelledOutput;

    /// <summary>
    /// A stage named <paramref name="name"/> running <paramref name="runner"/> over <paramref name="features"/>; each stream
    /// fills the time axis the runner was bound with for it (<see cref="FusionRunner.Steps"/>), of which
    /// <paramref name="timeSteps"/> must be the longest.
    /// </summary>
    public FusionStage(string name, ChannelReader<AlignedWindow> input, ChannelWriter<FusionPrediction> output, StageMetrics metrics,
        FusionRunner runner, IReadOnlyList<IWindowFeatures> features, int timeSteps, ILogger? logger = null)
        : base(name, input, output, metrics, logger)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _features = features ?? throw new ArgumentNullException(nameof(features));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeSteps);
        int longest = 0;
        foreach (IWindowFeatures f in features)
        {
            int steps = runner.Steps(f.SequenceInput), expected = steps * f.Dimensions;
            if (runner.Sequence(f.SequenceInput).Length != expected || runner.Mask(f.MaskInput).Length != steps)
                throw new ArgumentException($"Stage '{name}': fusion input '{f.SequenceInput}' holds {runner.Sequence(f.SequenceInput).Length} values and '{f.MaskInput}' {runner.Mask(f.MaskInput).Length}; " +
                    $"{steps} steps of {f.Dimensions} features need {expected} and {steps}.", nameof(features));
            longest = Math.Max(longest, steps);
        }
        if (features.Count > 0 && longest != timeSteps)
            throw new ArgumentException($"Stage '{name}': the longest stream axis is {longest} steps, not {timeSteps}.", nameof(timeSteps));
        _labelledOutput = runner.Outputs.FirstOrDefault(o => o.Labels is not null)?.Name;
    }

    /// <inheritdoc />
    protected override async ValueTask ProcessAsync(AlignedWindow item, CancellationToken cancellationToken)
    {
        FusionPrediction prediction;
        using (item)
        {
            foreach (IWindowFeatures f in _features)
            {
                Span<float> sequence = _runner.Sequence(f.SequenceInput);
                Span<bool> mask = _runner.Mask(f.MaskInput);
                sequence.Clear();
                mask.Clear();
                f.Fill(item, mask.Length, sequence, mask);
            }
            _runner.Run();
            var outputs = new Dictionary<string, float[]>(StringComparer.Ordinal);
            foreach (var spec in _runner.Outputs)
                outputs[spec.Name] = _runner.Output(spec.Name).ToArray();
            prediction = new FusionPrediction(Name, item.Index, item.StartMicros, item.EndMicros, item.Present, outputs,
                _labelledOutput is null ? null : _runner.TopLabel(_labelledOutput));
        }
        await WriteAsync(prediction, cancellationToken).ConfigureAwait(false);
    }
}
