namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>Shape of a <see cref="SwinTransformer"/>: image and patch size, window, width, depth and heads per stage.</summary>
/// <remarks>
/// The defaults are torchvision's <c>swin_t</c> (<see cref="Tiny224"/>), so a state_dict saved from
/// <c>torchvision.models.swin_t()</c> loads into <c>new SwinTransformer(SwinOptions.Tiny224)</c>. Stage <c>i</c> has
/// <c>EmbedDim * 2^i</c> channels; every stage but the last ends with a patch merging (half resolution, double width).
/// </remarks>
public sealed record SwinOptions
{
    /// <summary>Input side in pixels (square images, NCHW).</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>Side of the non-overlapping patches embedded by the stem convolution.</summary>
    public int PatchSize { get; init; } = 4;

    /// <summary>Side of the attention windows, in tokens; shifted blocks move them by half of it.</summary>
    public int WindowSize { get; init; } = 7;

    /// <summary>Channels of the first stage.</summary>
    public int EmbedDim { get; init; } = 96;

    /// <summary>Blocks per stage.</summary>
    public IReadOnlyList<int> Depths { get; init; } = [2, 2, 6, 2];

    /// <summary>Attention heads per stage (each must divide that stage's width).</summary>
    public IReadOnlyList<int> Heads { get; init; } = [3, 6, 12, 24];

    /// <summary>Hidden width of each block's MLP relative to the block's width.</summary>
    public double MlpRatio { get; init; } = 4.0;

    /// <summary>Stochastic depth rate of the last block (linearly from 0 at the first block); only active in training mode.</summary>
    public double StochasticDepth { get; init; } = 0.2;

    /// <summary>Classes of the linear head; 0 for no head (the model then returns pooled features).</summary>
    public int Classes { get; init; } = 1000;

    /// <summary>torchvision's Swin-T: 224 px, patch 4, window 7, embed 96, depths 2-2-6-2, heads 3-6-12-24, 1000-class head.</summary>
    public static SwinOptions Tiny224 => new();

    /// <summary>A very small configuration for tests: 56 px (14x14 tokens, four 7x7 windows), embed 24, depths 2-2, heads 1-2, no head.</summary>
    public static SwinOptions Test56 => new()
    {
        ImageSize = 56, EmbedDim = 24, Depths = [2, 2], Heads = [1, 2], StochasticDepth = 0.1, Classes = 0,
    };

    /// <summary>Number of stages.</summary>
    public int Stages => Depths.Count;

    /// <summary>Channels of stage <paramref name="stage"/>.</summary>
    public int StageDim(int stage) => EmbedDim << stage;

    /// <summary>Length of the pooled feature vector (the last stage's width).</summary>
    public int FeatureSize => StageDim(Stages - 1);

    /// <summary>Tokens per side in stage <paramref name="stage"/> (patch merging pads odd sides by one, like torchvision).</summary>
    public int StageResolution(int stage)
    {
        int side = ImageSize / PatchSize;
        for (int i = 0; i < stage; i++)
            side = (side + side % 2) / 2;
        return side;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (PatchSize <= 0 || WindowSize <= 0 || EmbedDim <= 0)
            throw new ArgumentException($"Swin: PatchSize ({PatchSize}), WindowSize ({WindowSize}) and EmbedDim ({EmbedDim}) must be positive.");
        if (ImageSize < PatchSize)
            throw new ArgumentException($"Swin: ImageSize {ImageSize} is smaller than PatchSize {PatchSize}.");
        if (Depths.Count == 0 || Depths.Count != Heads.Count)
            throw new ArgumentException($"Swin: Depths ({Depths.Count} stages) and Heads ({Heads.Count} stages) must have the same, non-zero length.");
        for (int s = 0; s < Stages; s++)
        {
            if (Depths[s] <= 0 || Heads[s] <= 0 || StageDim(s) % Heads[s] != 0)
                throw new ArgumentException($"Swin: stage {s} has depth {Depths[s]} and {Heads[s]} heads for width {StageDim(s)}; both must be positive and the heads must divide the width.");
        }
        if (MlpRatio <= 0 || StochasticDepth is < 0 or >= 1 || Classes < 0)
            throw new ArgumentException($"Swin: MlpRatio ({MlpRatio}) must be positive, StochasticDepth ({StochasticDepth}) in [0, 1), Classes ({Classes}) >= 0.");
    }

    /// <summary>One line for manifests and logs, e.g. "swin(224px, patch 4, window 7, embed 96, depths 2-2-6-2, heads 3-6-12-24)".</summary>
    public string Describe() =>
        $"swin({ImageSize}px, patch {PatchSize}, window {WindowSize}, embed {EmbedDim}, depths {string.Join("-", Depths)}, "
        + $"heads {string.Join("-", Heads)}, mlp x{MlpRatio:0.##}{(Classes > 0 ? $", head {Classes}" : "")})";
}
