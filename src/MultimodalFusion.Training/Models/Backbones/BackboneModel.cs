using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// A <see cref="Backbone"/> with a linear head for supervised end-to-end training: class logits
/// (<see cref="FusionTask.Classification"/>) or values squashed into [-1, 1] by tanh (<see cref="FusionTask.Regression"/>,
/// valence/arousal). Only the backbone is exported; the head exists for training.
/// </summary>
/// <remarks>Owns the backbone: disposing this module disposes it.</remarks>
public sealed class BackboneModel : nn.Module<Tensor, Tensor>
{
    private readonly Backbone backbone;
    private readonly Linear head;

    /// <summary>Puts a head of <paramref name="outputSize"/> outputs on <paramref name="backbone"/> (taking ownership of it).</summary>
    public BackboneModel(Backbone backbone, FusionTask task, int outputSize) : base(nameof(BackboneModel))
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (outputSize < 1 || (task == FusionTask.Classification && outputSize < 2))
            throw new ArgumentOutOfRangeException(nameof(outputSize), $"BackboneModel: {task} needs {(task == FusionTask.Classification ? ">= 2 classes" : ">= 1 output")}; got {outputSize}.");
        this.backbone = backbone;
        head = nn.Linear(backbone.FeatureSize, outputSize);
        Task = task;
        OutputSize = outputSize;
        RegisterComponents();
    }

    /// <summary>The feature extractor (what gets exported).</summary>
    public Backbone Backbone => backbone;

    /// <summary>The linear head on the features (training only; not part of the exported graph).</summary>
    public Linear Head => head;

    /// <summary>Classification (logits) or regression (tanh values).</summary>
    public FusionTask Task { get; }

    /// <summary>Classes k or regression dimensions.</summary>
    public int OutputSize { get; }

    /// <summary>Input -> [batch, k] logits or [batch, dims] values in [-1, 1].</summary>
    public override Tensor forward(Tensor input)
    {
        using var features = backbone.forward(input);
        var raw = head.forward(features);
        if (Task == FusionTask.Classification)
            return raw;
        using (raw)
            return raw.tanh();
    }
}
