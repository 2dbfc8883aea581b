namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>The Aff-Wild2 (ABAW) uni-task challenges whose files this project reads and writes.</summary>
public enum AffWild2Challenge
{
    /// <summary>Valence-arousal estimation: folder <c>VA_Estimation_Challenge</c>, files read by <see cref="VaFile"/>.</summary>
    VA,

    /// <summary>Expression recognition: folder <c>EXPR_Recognition_Challenge</c>, files read by <see cref="ExprFile"/>.</summary>
    EXPR,
}
