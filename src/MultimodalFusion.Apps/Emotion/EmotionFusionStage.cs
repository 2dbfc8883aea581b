using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>
/// Per aligned window: fills every stream's feature sequence and mask once (<see cref="IWindowFeatures"/>), copies them
/// into each fusion model that takes the stream, runs every model and writes one <see cref="FusionPrediction"/> holding
/// all their outputs (e.g. <c>va</c> from the VA model and <c>expr</c> from the expression model).
/// </summary>
/// <remarks>
/// <para>Features are computed once per window whatever the number of models: the extractors are the expensive part.
/// When two models have an output of the same name, the first model's is kept.</para>
/// <para><see cref="FusionPrediction.Present"/> is the set of modalities whose mask has at least one step set (video and
/// clip streams count as video), so a window whose frames show no face reports video as missing. Disposes every window
/// it reads. The models and feature sources are not owned and belong to this stage alone while it runs.</para>
/// </remarks>
public sealed class EmotionFusionStage : PipelineStage<AlignedWindow, FusionPrediction>
{
    private readonly IReadOnlyList<EmotionFusionModel> _models;
    private readonly Slot[] _slots;

    /// <summary>
    /// A stage running <paramref name="models"/> over <paramref name="features"/>. Each stream runs on the time axis its
    /// runners were bound with (<see cref="FusionRunner.Steps"/>); <paramref name="timeSteps"/> is the longest of them
    /// (<see cref="EmotionModels.TimeSteps"/>) and is checked against them.
    /// </summary>
    /// <exception cref="ArgumentException">A stream no model takes, runners that disagree on a stream's axis, a buffer size that does not match, or a longest axis other than <paramref name="timeSteps"/>; the message names the input.</exception>
    public EmotionFusionStage(string name, ChannelReader<AlignedWindow> input, ChannelWriter<FusionPrediction> output, StageMetrics metrics,
        IReadOnlyList<EmotionFusionModel> models, IReadOnlyList<IWindowFeatures> features, int timeSteps, ILogger? logger = null)
        : base(name, input, output, metrics, logger)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeSteps);
        if (models.Count == 0)
            throw new ArgumentException($"Stage '{name}': no fusion model to run.", nameof(models));
        _models = models;
        _slots = features.Select(f => Bind(name, f, models)).ToArray();
        int longest = _slots.Length == 0 ? timeSteps : _slots.Max(s => s.Mask.Length);
        if (longest != timeSteps)
            throw new ArgumentException($"Stage '{name}': the longest stream axis is {longest} steps, not {timeSteps}.", nameof(timeSteps));
    }

    /// <summary>Windows whose modality mask came out empty for every stream (nothing to fuse, still run: the models give their prior).</summary>
    public long EmptyWindows { get; private set; }

    /// <inheritdoc />
    protected override async ValueTask ProcessAsync(AlignedWindow item, CancellationToken cancellationToken)
    {
        FusionPrediction prediction;
        using (item)
        {
            ModalityMask present = ModalityMask.None;
            foreach (Slot slot in _slots)
            {
                Array.Clear(slot.Sequence);
                Array.Clear(slot.Mask);
                slot.Features.Fill(item, slot.Mask.Length, slot.Sequence, slot.Mask);
                if (Array.IndexOf(slot.Mask, true) >= 0)
                    present |= slot.Modality;
                foreach (FusionRunner runner in slot.Runners)
                {
                    slot.Sequence.CopyTo(runner.Sequence(slot.Features.SequenceInput));
                    slot.Mask.CopyTo(runner.Mask(slot.Features.MaskInput));
                }
            }
            if (present == ModalityMask.None)
                EmptyWindows++;
            var outputs = new Dictionary<string, float[]>(StringComparer.Ordinal);
            string? top = null;
            foreach (EmotionFusionModel model in _models)
            {
                model.Runner.Run();
                foreach (var spec in model.Runner.Outputs)
                {
                    if (outputs.TryAdd(spec.Name, model.Runner.Output(spec.Name).ToArray()) && top is null && spec.Labels is not null)
                        top = model.Runner.TopLabel(spec.Name);
                }
            }
            prediction = new FusionPrediction(Name, item.Index, item.StartMicros, item.EndMicros, present, outputs, top);
        }
        await WriteAsync(prediction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The modality a fusion stream carries, by the trainer's stream names.</summary>
    public static ModalityMask ModalityOf(string stream) => stream switch
    {
        "video" or "clip" or "face" or "image" => ModalityMask.Video,
        "audio" => ModalityMask.Audio,
        "text" => ModalityMask.Text,
        _ => ModalityMask.None,
    };

    private static Slot Bind(string stage, IWindowFeatures features, IReadOnlyList<EmotionFusionModel> models)
    {
        var runners = models.Where(m => m.Inputs.Contains(features.SequenceInput)).Select(m => m.Runner).ToArray();
        if (runners.Length == 0)
            throw new ArgumentException($"Stage '{stage}': no fusion model takes the stream '{features.SequenceInput}'.", nameof(features));
        // Every model that takes the stream must have been bound with the same axis: the rows are packed once.
        int timeSteps = runners[0].Steps(features.SequenceInput);
        int expected = timeSteps * features.Dimensions;
        foreach (FusionRunner runner in runners)
        {
            int sequence = runner.Sequence(features.SequenceInput).Length, mask = runner.Mask(features.MaskInput).Length;
            if (sequence != expected || mask != timeSteps)
                throw new ArgumentException($"Stage '{stage}': fusion input '{features.SequenceInput}' holds {sequence} values and '{features.MaskInput}' {mask}; " +
                    $"{timeSteps} slots of {features.Dimensions} features need {expected} and {timeSteps}.", nameof(features));
        }
        return new Slot(features, runners, new float[expected], new bool[timeSteps], ModalityOf(features.SequenceInput));
    }

    // One stream: its feature source, the runners that take it, and the window's features filled once (owned here).
    private sealed record Slot(IWindowFeatures Features, FusionRunner[] Runners, float[] Sequence, bool[] Mask, ModalityMask Modality);
}
