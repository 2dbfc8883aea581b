using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// A feature extractor trained here and exported to ONNX: maps one input sample per row to a feature vector
/// [batch, <see cref="FeatureSize"/>]. The same module is used for training and for export, so what the runtime
/// runs is what was trained.
/// </summary>
/// <remarks>
/// Implementations use only layers the exporter knows (conv + batch norm + ReLU blocks, global average pooling,
/// linear layers); export reads the eval-mode behaviour (batch norm with running statistics).
/// </remarks>
public abstract class Backbone : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module named <paramref name="name"/>.</summary>
    protected Backbone(string name) : base(name)
    {
    }

    /// <summary>Which extractor the exported graph is for.</summary>
    public abstract BackboneKind Kind { get; }

    /// <summary>Feature length d of the output [batch, d].</summary>
    public abstract int FeatureSize { get; }

    /// <summary>
    /// Input shape for <paramref name="batch"/> rows; <paramref name="time"/> sets the frame count of a
    /// dynamic time axis (audio) and is ignored by fixed-shape inputs.
    /// </summary>
    public abstract long[] InputShape(long batch, long time = 0);
}
