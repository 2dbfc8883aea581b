namespace MultimodalFusion.Training.Models;

/// <summary>Shape of a <see cref="FusionModel"/>: streams, encoder sizes, attention pairs and head.</summary>
/// <remarks>Kept small by default so that tests and CPU training stay fast.</remarks>
public sealed record FusionModelOptions
{
    /// <summary>The input streams, in input order.</summary>
    public required IReadOnlyList<ModalitySpec> Modalities { get; init; }

    /// <summary>Size of the per-stream input projection that feeds the GRU.</summary>
    public int ProjectionSize { get; init; } = 32;

    /// <summary>GRU hidden size per direction.</summary>
    public int HiddenSize { get; init; } = 32;

    /// <summary>Stacked GRU layers per stream.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Whether each GRU also runs backwards in time (output size doubles).</summary>
    public bool Bidirectional { get; init; } = true;

    /// <summary>Attention heads; must divide the encoder output size.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>
    /// Stream index pairs (a, b) joined by bidirectional cross-modal attention (a attends to b and b to a).
    /// Null means every pair; an empty list means no attention (each stream's encoding is pooled directly).
    /// </summary>
    public IReadOnlyList<(int A, int B)>? Pairs { get; init; }

    /// <summary>How the stream encodings are joined; <see cref="Pairs"/> and <see cref="Heads"/> apply to cross-attention only.</summary>
    public FusionKind Fusion { get; init; } = FusionKind.CrossAttention;

    /// <summary>
    /// Adds an auto-encoder branch: a decoder that reconstructs each stream's mean input features from the
    /// fused vector (a training-time regulariser; its weight is <c>FusionTrainerOptions.ReconstructionWeight</c>).
    /// Not part of the exported graph.
    /// </summary>
    public bool AutoEncoder { get; init; }

    /// <summary>
    /// Adds a per-frame head over the base (first) stream's steps: each step's encoding and the fused window vector
    /// -> [batch, t_0, k]: class logits trained with a per-frame cross-entropy (classification), or values in [-1, 1]
    /// (tanh) trained with 1 - CCC over the labelled frames of a batch (regression); exported as <c>{name}_frames</c>.
    /// Cross-attention or the Modal Fusion Module only.
    /// </summary>
    public bool FrameHead { get; init; }

    /// <summary>Hidden units of the head's first layer.</summary>
    public int HeadHiddenSize { get; init; } = 32;

    /// <summary>Classification or regression.</summary>
    public FusionTask Task { get; init; } = FusionTask.Classification;

    /// <summary>Output size: k classes, or 2 for valence/arousal.</summary>
    public int OutputSize { get; init; } = 2;

    /// <summary>Size of one encoded step: hidden size times the number of directions.</summary>
    public int EncodedSize => HiddenSize * (Bidirectional ? 2 : 1);

    /// <summary>The attention pairs after defaults are applied.</summary>
    public IReadOnlyList<(int A, int B)> ResolvedPairs()
    {
        if (Fusion != FusionKind.CrossAttention)
            return [];
        if (Pairs is not null)
            return Pairs;
        var all = new List<(int, int)>();
        for (int a = 0; a < Modalities.Count; a++)
        {
            for (int b = a + 1; b < Modalities.Count; b++)
                all.Add((a, b));
        }
        return all;
    }

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Modalities is null || Modalities.Count == 0)
            throw new ArgumentException("FusionModelOptions.Modalities needs at least one stream.");
        if (Modalities.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != Modalities.Count)
            throw new ArgumentException("FusionModelOptions.Modalities has duplicate names.");
        foreach (var m in Modalities)
        {
            if (string.IsNullOrWhiteSpace(m.Name) || m.FeatureSize < 1)
                throw new ArgumentException($"FusionModelOptions.Modalities: stream '{m.Name}' needs a name and a feature size >= 1.");
        }
        if (ProjectionSize < 1 || HiddenSize < 1 || Layers < 1 || HeadHiddenSize < 1 || OutputSize < 1)
            throw new ArgumentException("FusionModelOptions: ProjectionSize, HiddenSize, Layers, HeadHiddenSize and OutputSize must be >= 1.");
        if (Fusion == FusionKind.CrossAttention && (Heads < 1 || EncodedSize % Heads != 0))
            throw new ArgumentException($"FusionModelOptions.Heads = {Heads} must divide the encoded size {EncodedSize}.");
        foreach (var (a, b) in ResolvedPairs())
        {
            if (a == b || (uint)a >= (uint)Modalities.Count || (uint)b >= (uint)Modalities.Count)
                throw new ArgumentException($"FusionModelOptions.Pairs: ({a}, {b}) must name two different streams of {Modalities.Count}.");
        }
        if (Task == FusionTask.Classification && OutputSize < 2)
            throw new ArgumentException("FusionModelOptions.OutputSize must be >= 2 for classification.");
        if (FrameHead && Fusion == FusionKind.LateFusion)
            throw new ArgumentException("FusionModelOptions.FrameHead needs Fusion = CrossAttention or ModalWeights (late fusion has no per-step fused context).");
    }
}
