using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// The stem, torchvision's <c>features.0</c>: a patch-size-strided convolution (<c>0</c>), a permute to channels-last
/// (index 1, no weights) and a LayerNorm (<c>2</c>).
/// </summary>
/// <remarks>Images [batch, 3, S, S] (normalised RGB) -> tokens [batch, S/patch, S/patch, embed].</remarks>
internal sealed class SwinPatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv;
    private readonly LayerNorm _norm;

    public SwinPatchEmbedding(string name, int patch, int embed) : base(name)
    {
        _conv = nn.Conv2d(3, embed, kernel_size: patch, stride: patch);
        _norm = nn.LayerNorm(embed, SwinBlock.LayerNormEpsilon);
        // Registered by index so the state_dict keys are features.0.0.* and features.0.2.*, as in torchvision.
        register_module("0", _conv);
        register_module("2", _norm);
    }

    internal Conv2d Conv => _conv;
    internal LayerNorm Norm => _norm;

    /// <summary>Children are registered by hand under torchvision's names; field-based registration would add "_field" duplicates.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return _norm.forward(_conv.forward(images).permute(0, 2, 3, 1)).MoveToOuterDisposeScope();
    }
}
