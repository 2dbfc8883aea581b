using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// A small image CNN: [batch, 3, S, S] -> <see cref="ConvTrunk2d"/> (conv/BN/ReLU stride-2 blocks, global average
/// pool) -> linear projection -> features [batch, d].
/// </summary>
/// <remarks>Input planes are normalised exactly as the runtime's ImagePreprocessor writes them (mean/std per channel).</remarks>
public sealed class SmallImageCnn : Backbone
{
    private readonly ConvTrunk2d trunk;
    private readonly Linear projection;

    /// <summary>Creates the network with fresh weights (seed torch first for repeatable ones).</summary>
    public SmallImageCnn(SmallImageCnnOptions? options = null) : base(nameof(SmallImageCnn))
    {
        Options = options ?? new SmallImageCnnOptions();
        Options.Validate();
        trunk = new ConvTrunk2d("trunk", 3, Options.Channels);
        projection = nn.Linear(trunk.OutChannels, Options.FeatureSize);
        RegisterComponents();
    }

    /// <summary>The shape this network was built with.</summary>
    public SmallImageCnnOptions Options { get; }

    /// <inheritdoc />
    public override BackboneKind Kind => BackboneKind.Image;

    /// <inheritdoc />
    public override int FeatureSize => Options.FeatureSize;

    /// <summary>The trunk (read by the exporter).</summary>
    internal ConvTrunk2d Trunk => trunk;

    /// <summary>The projection to d features (read by the exporter).</summary>
    internal Linear Projection => projection;

    /// <inheritdoc />
    public override long[] InputShape(long batch, long time = 0) => [batch, 3, Options.InputSize, Options.InputSize];

    /// <summary>[batch, 3, S, S] -> [batch, d].</summary>
    public override Tensor forward(Tensor input)
    {
        using var pooled = trunk.forward(input);
        return projection.forward(pooled);
    }
}
