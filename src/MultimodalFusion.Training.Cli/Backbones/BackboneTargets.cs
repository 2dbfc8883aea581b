using MultimodalFusion.Datasets.AffWild2;

namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>
/// What a backbone is trained to predict, per task: violence (2 classes), expr (8 classes), va (2 values) or
/// va+expr (10 values: valence, arousal, then each expression as +1 / -1), for one frame or a span of frames.
/// </summary>
/// <remarks>
/// va+expr exists because <see cref="Models.Backbones.BackboneModel"/> has one head: regressing the expression
/// indicators beside valence/arousal (MSE) makes the features carry both, which the emotion fusion models need.
/// A span's target: mean VA of its annotated frames; the most frequent class (ties: smaller index); violence when at
/// least half of its labelled frames are violent. Null when nothing in the span is annotated.
/// </remarks>
internal sealed class BackboneTargets
{
    /// <summary>Tasks <c>--task</c> accepts.</summary>
    public static readonly string[] Tasks = ["va+expr", "va", "expr", "violence"];

    private static readonly BackboneTargets s_expr = new("expr");

    private BackboneTargets(string task) => Task = task;

    /// <summary>The task name.</summary>
    public string Task { get; }

    /// <summary>True for class-index targets (violence, expr), false for value targets.</summary>
    public bool IsClassification => Task is "violence" or "expr";

    /// <summary>Classes k or value dimensions.</summary>
    public int OutputSize => Task switch { "violence" => 2, "expr" => 8, "va" => 2, _ => 10 };

    /// <summary>True when the task needs VA labels.</summary>
    public bool NeedsVa => Task is "va" or "va+expr";

    /// <summary>True when the task needs expression labels.</summary>
    public bool NeedsExpr => Task is "expr" or "va+expr";

    /// <summary>The targets of <paramref name="task"/>; throws naming the option for an unknown one.</summary>
    public static BackboneTargets For(string task) => Tasks.Contains(task, StringComparer.Ordinal)
        ? new BackboneTargets(task)
        : throw new ArgumentException($"--task: '{task}' is not one of {string.Join(", ", Tasks)}.");

    /// <summary>The class of frames [first, end) of <paramref name="video"/>, or null when none is labelled.</summary>
    public long? ClassOf(LabelledVideo video, int first, int end)
    {
        int[] labels = Task == "violence"
            ? video.Violence ?? throw Missing(video, "violence")
            : video.Expr ?? throw Missing(video, "expression");
        end = Math.Min(end, labels.Length);
        var counts = new int[OutputSize];
        int labelled = 0;
        for (int i = Math.Max(0, first); i < end; i++)
        {
            if (labels[i] < 0 || labels[i] >= OutputSize)
                continue;
            counts[labels[i]]++;
            labelled++;
        }
        if (labelled == 0)
            return null;
        if (Task == "violence")
            return 2 * counts[1] >= labelled ? 1 : 0;
        return Array.IndexOf(counts, counts.Max());
    }

    /// <summary>Writes the value target of frames [first, end) into <paramref name="destination"/>; false when not annotated.</summary>
    public bool ValuesOf(LabelledVideo video, int first, int end, Span<float> destination)
    {
        float[] va = video.Va ?? throw Missing(video, "valence/arousal");
        double v = 0, a = 0;
        int n = 0;
        for (int i = Math.Max(0, first); i < Math.Min(end, va.Length / 2); i++)
        {
            if (va[2 * i] == VaAnnotation.Ignore || va[2 * i + 1] == VaAnnotation.Ignore)
                continue;
            v += va[2 * i];
            a += va[2 * i + 1];
            n++;
        }
        if (n == 0)
            return false;
        destination[0] = (float)(v / n);
        destination[1] = (float)(a / n);
        if (Task == "va+expr")
        {
            long? expression = s_expr.ClassOf(video, first, end);
            if (expression is null)
                return false;
            for (int c = 0; c < 8; c++)
                destination[2 + c] = c == expression ? 1f : -1f;
        }
        return true;
    }

    private static InvalidDataException Missing(LabelledVideo video, string what) =>
        new($"{video.Split}/{video.Name}: the dataset has no {what} labels for this video.");
}
