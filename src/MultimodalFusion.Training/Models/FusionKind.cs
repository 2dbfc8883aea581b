namespace MultimodalFusion.Training.Models;

/// <summary>How a <see cref="FusionModel"/> joins its per-stream encodings into one vector.</summary>
public enum FusionKind
{
    /// <summary>
    /// Bidirectional cross-modal attention between stream pairs, each direction pooled, all concatenated
    /// (the method of arXiv 2507.03531).
    /// </summary>
    CrossAttention,

    /// <summary>
    /// A Modal Fusion Module: each stream's pooled encoding gets a learned score, a softmax over the present
    /// streams turns the scores into weights, and the fused vector is the weighted sum (arXiv 2303.08419).
    /// The weights are also an output (per-stream contributions).
    /// </summary>
    ModalWeights,

    /// <summary>
    /// Weighted late fusion (arXiv 2203.13472): each stream has its own head; their probabilities (or tanh
    /// values) are averaged with learned weights, softmax over the present streams. The weights are an output.
    /// </summary>
    LateFusion,
}
