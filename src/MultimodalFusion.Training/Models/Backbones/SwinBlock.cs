using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// One Swin block: x + drop(attn(norm1(x))), then x + drop(mlp(norm2(x))), with torchvision's names
/// (<c>norm1</c>, <c>attn</c>, <c>norm2</c>, <c>mlp.0</c> / <c>mlp.3</c> around an exact GELU).
/// </summary>
/// <remarks>
/// Token maps [batch, H, W, C] in and out. Stochastic depth ("row" mode: one keep/drop draw per sample, kept
/// samples scaled by 1 / keep) acts only in training mode; eval mode is deterministic.
/// </remarks>
internal sealed class SwinBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>LayerNorm epsilon of every Swin norm (torchvision: <c>partial(nn.LayerNorm, eps=1e-5)</c>).</summary>
    public const double LayerNormEpsilon = 1e-5;

    private readonly LayerNorm _norm1;
    private readonly SwinWindowAttention _attn;
    private readonly LayerNorm _norm2;
    private readonly Linear _fc1;
    private readonly Linear _fc2;
    private readonly Sequential _mlp;
    private readonly double _dropRate;

    public SwinBlock(string name, int dim, int heads, int window, int shift, double mlpRatio, double dropRate) : base(name)
    {
        _dropRate = dropRate;
        _norm1 = nn.LayerNorm(dim, LayerNormEpsilon);
        _attn = new SwinWindowAttention("attn", dim, heads, window, shift);
        _norm2 = nn.LayerNorm(dim, LayerNormEpsilon);
        int hidden = (int)(dim * mlpRatio);
        _fc1 = nn.Linear(dim, hidden);
        _fc2 = nn.Linear(hidden, dim);
        // torchvision's MLP is Sequential(Linear, GELU, Dropout, Linear, Dropout): the linears are mlp.0 and mlp.3.
        _mlp = nn.Sequential(_fc1, nn.GELU(), nn.Dropout(0), _fc2, nn.Dropout(0));
        register_module("norm1", _norm1);
        register_module("attn", _attn);
        register_module("norm2", _norm2);
        register_module("mlp", _mlp);
    }

    internal LayerNorm Norm1 => _norm1;
    internal SwinWindowAttention Attention => _attn;
    internal LayerNorm Norm2 => _norm2;
    internal Linear Fc1 => _fc1;
    internal Linear Fc2 => _fc2;

    /// <summary>Children are registered by hand under torchvision's names; field-based registration would add "_field" duplicates.</summary>
    protected override void RegisterComponents()
    {
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = x + DropPath(_attn.forward(_norm1.forward(x)));
        x = x + DropPath(_mlp.forward(_norm2.forward(x)));
        return x.MoveToOuterDisposeScope();
    }

    private Tensor DropPath(Tensor branch)
    {
        if (!training || _dropRate <= 0)
            return branch;
        double keep = 1 - _dropRate;
        var noise = empty(new long[] { branch.shape[0], 1, 1, 1 }, dtype: branch.dtype, device: branch.device).bernoulli_(keep);
        return branch * noise.div_(keep);
    }
}
