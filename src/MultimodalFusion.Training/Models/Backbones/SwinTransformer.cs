using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Swin Transformer (shifted-window attention, relative position bias, patch merging) with torchvision's
/// <c>swin_t</c> module layout, so its state_dict keys and tensor shapes are torchvision's.
/// </summary>
/// <remarks>
/// <para>Input: normalised RGB images [batch, 3, S, S] (ImageNet mean/std for pretrained weights), float32.
/// <see cref="Features"/> returns the final-norm, average-pooled vector [batch, <see cref="SwinOptions.FeatureSize"/>];
/// <see cref="forward"/> returns the head's logits [batch, classes] when the options have a head, else the features.</para>
/// <para>Keys: <c>features.0.0</c> (patch conv), <c>features.0.2</c> (its norm), <c>features.{1,3,5,7}.{block}</c>
/// (<c>norm1</c>, <c>attn.qkv</c>, <c>attn.proj</c>, <c>attn.relative_position_bias_table</c>,
/// <c>attn.relative_position_index</c>, <c>norm2</c>, <c>mlp.0</c>, <c>mlp.3</c>), <c>features.{2,4,6}</c>
/// (patch merging <c>reduction</c>, <c>norm</c>), <c>norm</c>, <c>head</c>. Load weights with <see cref="SwinWeights"/>.</para>
/// </remarks>
public sealed class SwinTransformer : nn.Module<Tensor, Tensor>
{
    private readonly SwinPatchEmbedding _embedding;
    private readonly List<List<SwinBlock>> _stages = [];
    private readonly List<SwinPatchMerging> _merges = [];
    private readonly LayerNorm _norm;
    private readonly Linear? _head;

    /// <summary>Builds the model with torchvision's initialisation (truncated normal 0.02 for linears and bias tables).</summary>
    public SwinTransformer(SwinOptions options, string name = "swin") : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var features = new ModuleList<nn.Module>();
        _embedding = new SwinPatchEmbedding("embedding", options.PatchSize, options.EmbedDim);
        features.Add(_embedding);
        int total = options.Depths.Sum(), block = 0;
        for (int s = 0; s < options.Stages; s++)
        {
            var stage = new List<SwinBlock>();
            for (int b = 0; b < options.Depths[s]; b++, block++)
            {
                int shift = b % 2 == 0 ? 0 : options.WindowSize / 2;
                stage.Add(new SwinBlock($"block{b}", options.StageDim(s), options.Heads[s], options.WindowSize, shift,
                    options.MlpRatio, SwinWindows.DropRate(options.StochasticDepth, block, total)));
            }
            _stages.Add(stage);
            features.Add(new ModuleList<SwinBlock>(stage.ToArray()));
            if (s < options.Stages - 1)
            {
                var merge = new SwinPatchMerging($"merge{s}", options.StageDim(s));
                _merges.Add(merge);
                features.Add(merge);
            }
        }
        _norm = nn.LayerNorm(options.FeatureSize, SwinBlock.LayerNormEpsilon);
        register_module("features", features);
        register_module("norm", _norm);
        if (options.Classes > 0)
        {
            _head = nn.Linear(options.FeatureSize, options.Classes);
            register_module("head", _head);
        }
        Initialise();
    }

    /// <summary>The configuration this model was built from.</summary>
    public SwinOptions Options { get; }

    /// <summary>Length of the pooled feature vector.</summary>
    public int FeatureSize => Options.FeatureSize;

    internal SwinPatchEmbedding Embedding => _embedding;
    internal IReadOnlyList<IReadOnlyList<SwinBlock>> Stages => _stages;
    internal IReadOnlyList<SwinPatchMerging> Merges => _merges;
    internal LayerNorm Norm => _norm;

    /// <summary>Children are registered by hand under torchvision's names; field-based registration would add "_field" duplicates.</summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>Logits [batch, classes] with a head, otherwise the pooled features [batch, FeatureSize].</summary>
    public override Tensor forward(Tensor images)
    {
        if (_head is null)
            return Features(images);
        using var scope = NewDisposeScope();
        return _head.forward(Features(images)).MoveToOuterDisposeScope();
    }

    /// <summary>Final-norm, average-pooled features [batch, FeatureSize] of images [batch, 3, S, S].</summary>
    public Tensor Features(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 3 || images.shape[2] != Options.ImageSize || images.shape[3] != Options.ImageSize)
        {
            throw new ArgumentException(
                $"Swin expects images [batch, 3, {Options.ImageSize}, {Options.ImageSize}]; got [{string.Join(", ", images.shape)}].", nameof(images));
        }
        using var scope = NewDisposeScope();
        var x = _embedding.forward(images);
        for (int s = 0; s < _stages.Count; s++)
        {
            foreach (var block in _stages[s])
                x = block.forward(x);
            if (s < _merges.Count)
                x = _merges[s].forward(x);
        }
        return _norm.forward(x).mean(new long[] { 1, 2 }).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// torchvision's <c>trunc_normal_(std=0.02)</c> (cut at ±2, i.e. 100 standard deviations, so a plain normal in
    /// practice). TorchSharp 0.107's <c>nn.init.trunc_normal_</c> is not used: it fills the constant <c>std</c> instead.
    /// </summary>
    private static void TruncatedNormal(Tensor weight) => nn.init.normal_(weight, 0, 0.02).clamp_(-2, 2);

    private void Initialise()
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in named_modules())
        {
            if (module is Linear linear)
            {
                TruncatedNormal(linear.weight!);
                if (linear.bias is not null)
                    nn.init.zeros_(linear.bias);
            }
            else if (module is SwinWindowAttention attention)
            {
                TruncatedNormal(attention.Table);
            }
        }
    }
}
