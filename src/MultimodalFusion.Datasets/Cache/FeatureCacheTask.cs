namespace MultimodalFusion.Datasets.Cache;

/// <summary>The task names a cache can be written for, and the labels each one requires per video.</summary>
public static class FeatureCacheTask
{
    /// <summary>Valence/arousal regression: <c>va.npy</c> required.</summary>
    public const string Va = "va";

    /// <summary>Expression classification: <c>expr.npy</c> required.</summary>
    public const string Expr = "expr";

    /// <summary>Both Aff-Wild2 tasks: <c>va.npy</c> and <c>expr.npy</c> required.</summary>
    public const string VaExpr = "va+expr";

    /// <summary>DVD violence detection: <c>violence.npy</c> required.</summary>
    public const string Violence = "violence";

    /// <summary>All known task names.</summary>
    public static IReadOnlyList<string> All { get; } = [Va, Expr, VaExpr, Violence];

    /// <summary>True when <paramref name="task"/> is a known task name.</summary>
    public static bool IsKnown(string? task) => task is not null && All.Contains(task);

    /// <summary>True when videos of <paramref name="task"/> must carry VA labels.</summary>
    public static bool NeedsVa(string task) => task is Va or VaExpr;

    /// <summary>True when videos of <paramref name="task"/> must carry expression labels.</summary>
    public static bool NeedsExpr(string task) => task is Expr or VaExpr;

    /// <summary>True when videos of <paramref name="task"/> must carry violence labels.</summary>
    public static bool NeedsViolence(string task) => task is Violence;
}
