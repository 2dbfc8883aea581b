namespace MultimodalFusion.Cli.Eval;

/// <summary>The challenge a prediction folder is scored against by <c>mmf eval</c>.</summary>
public enum EvalTask
{
    /// <summary>Aff-Wild2 valence-arousal: CCC per dimension and their mean.</summary>
    Va,

    /// <summary>Aff-Wild2 expressions: macro-F1 over 8 classes, accuracy, confusion matrix.</summary>
    Expr,

    /// <summary>DVD violence: per-frame macro-F1 over 2 classes, accuracy, confusion matrix.</summary>
    Violence,
}
