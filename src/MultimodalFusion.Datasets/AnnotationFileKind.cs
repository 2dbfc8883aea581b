namespace MultimodalFusion.Datasets;

/// <summary>Whether a VA, EXPR or DVD file is ground truth (ignore values allowed where the format has them) or a challenge prediction (every frame has a value).</summary>
public enum AnnotationFileKind
{
    /// <summary>Ground truth: -5 (VA) or -1 (EXPR) marks an unannotated frame.</summary>
    Annotation,

    /// <summary>A prediction file for the challenge: same header and layout, but every frame must carry a real value.</summary>
    Prediction,
}
