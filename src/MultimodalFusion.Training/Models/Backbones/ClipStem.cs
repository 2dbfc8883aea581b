using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Temporal clip stream (arXiv 2203.13472 style): NTCHW [batch, T, 3, S, S] -> NCTHW -> 3D conv/BN/ReLU stem
/// (T -> T / stride, S -> S / 2) -> a 3D conv/BN/ReLU whose kernel spans every remaining step (time folded away)
/// -> <see cref="ConvTrunk2d"/> -> linear projection -> features [batch, d].
/// </summary>
/// <remarks>
/// The input layout is the runtime ClipExtractor's: frame-major, each frame a planar CHW image as the
/// ImagePreprocessor writes it. The transpose to NCTHW happens inside the network (and inside the exported graph).
/// </remarks>
public sealed class ClipStem : Backbone
{
    private readonly ConvBlock stem;
    private readonly ConvBlock fold;
    private readonly ConvTrunk2d trunk;
    private readonly Linear projection;

    /// <summary>Creates the network with fresh weights (seed torch first for repeatable ones).</summary>
    public ClipStem(ClipStemOptions? options = null) : base(nameof(ClipStem))
    {
        Options = options ?? new ClipStemOptions();
        Options.Validate();
        var o = Options;
        stem = new ConvBlock("stem", 3, 3, o.StemChannels, [o.TemporalKernel, 3, 3], [o.TemporalStride, 2, 2], [o.TemporalKernel / 2, 1, 1]);
        fold = new ConvBlock("fold", 3, o.StemChannels, o.FoldChannels, [o.StemFrames, 1, 1], [1, 1, 1], [0, 0, 0]);
        trunk = new ConvTrunk2d("trunk", o.FoldChannels, o.Channels);
        projection = nn.Linear(trunk.OutChannels, o.FeatureSize);
        RegisterComponents();
    }

    /// <summary>The shape this network was built with.</summary>
    public ClipStemOptions Options { get; }

    /// <inheritdoc />
    public override BackboneKind Kind => BackboneKind.Clip;

    /// <inheritdoc />
    public override int FeatureSize => Options.FeatureSize;

    internal ConvBlock Stem => stem;

    internal ConvBlock Fold => fold;

    internal ConvTrunk2d Trunk => trunk;

    internal Linear Projection => projection;

    /// <inheritdoc />
    public override long[] InputShape(long batch, long time = 0) => [batch, Options.FrameCount, 3, Options.InputSize, Options.InputSize];

    /// <summary>[batch, T, 3, S, S] -> [batch, d].</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 5 || input.shape[1] != Options.FrameCount || input.shape[2] != 3)
            throw new ArgumentException($"ClipStem: input must be NTCHW [batch, {Options.FrameCount}, 3, H, W]; got [{string.Join(", ", input.shape)}].");
        using var scope = NewDisposeScope();
        var x = input.permute(0, 2, 1, 3, 4);           // NCTHW for the 3D convolutions
        x = fold.forward(stem.forward(x)).squeeze(2);    // [batch, fold channels, S / 2, S / 2]
        return projection.forward(trunk.forward(x)).MoveToOuterDisposeScope();
    }
}
