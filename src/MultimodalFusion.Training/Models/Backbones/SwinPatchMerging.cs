using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Halves the token map and doubles its width: the four tokens of every 2x2 cell are concatenated, normalised
/// (<c>norm</c>, over 4C) and projected to 2C (<c>reduction</c>, no bias), as torchvision's <c>PatchMerging</c>.
/// </summary>
/// <remarks>[batch, H, W, C] -> [batch, ceil(H/2), ceil(W/2), 2C]; odd sides are zero-padded at the bottom/right first.</remarks>
internal sealed class SwinPatchMerging : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm _norm;
    private readonly Linear _reduction;

    public SwinPatchMerging(string name, int dim) : base(name)
    {
        _reduction = nn.Linear(4L * dim, 2L * dim, hasBias: false);
        _norm = nn.LayerNorm(4L * dim, SwinBlock.LayerNormEpsilon);
        register_module("reduction", _reduction);
        register_module("norm", _norm);
    }

    internal LayerNorm Norm => _norm;
    internal Linear Reduction => _reduction;

    /// <summary>Children are registered by hand under torchvision's names; field-based registration would add "_field" duplicates.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return _reduction.forward(_norm.forward(Gather(x))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The 2x2 gather before the norm: channels ordered x0 = (even row, even col), x1 = (odd row, even col),
    /// x2 = (even row, odd col), x3 = (odd row, odd col) — torchvision's order, which pretrained weights depend on.
    /// </summary>
    internal static Tensor Gather(Tensor x)
    {
        using var scope = NewDisposeScope();
        long height = x.shape[1], width = x.shape[2];
        if (height % 2 != 0 || width % 2 != 0)
            x = nn.functional.pad(x, new long[] { 0, 0, 0, width % 2, 0, height % 2 });
        height += height % 2;
        width += width % 2;
        var x0 = x.slice(1, 0, height, 2).slice(2, 0, width, 2);
        var x1 = x.slice(1, 1, height, 2).slice(2, 0, width, 2);
        var x2 = x.slice(1, 0, height, 2).slice(2, 1, width, 2);
        var x3 = x.slice(1, 1, height, 2).slice(2, 1, width, 2);
        return cat(new[] { x0, x1, x2, x3 }, -1).MoveToOuterDisposeScope();
    }
}
