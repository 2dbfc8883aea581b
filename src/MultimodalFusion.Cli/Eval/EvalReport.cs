using System.Globalization;
using System.Text;
using MultimodalFusion.Datasets.Metrics;

namespace MultimodalFusion.Cli.Eval;

/// <summary>
/// The official metrics of one scored prediction folder. VA fills <see cref="Ccc"/>; EXPR and violence fill
/// <see cref="Confusion"/>. Frames whose ground truth is "ignore" (-5 for VA, -1 for EXPR) are not counted.
/// </summary>
/// <param name="Task">The challenge.</param>
/// <param name="Split">The split folder scored.</param>
/// <param name="Videos">Number of ground-truth files (videos or annotation names) scored.</param>
/// <param name="Frames">Frames scored, over all videos concatenated.</param>
/// <param name="IgnoredFrames">Frames skipped because their ground truth is "ignore".</param>
/// <param name="Ccc">VA only: CCC of valence and of arousal, in that order.</param>
/// <param name="Confusion">Classification only: the counts [truth, predicted].</param>
/// <param name="ClassNames">Classification only: the class names in index order.</param>
public sealed record EvalReport(
    EvalTask Task, string Split, int Videos, long Frames, long IgnoredFrames,
    double[]? Ccc, ConfusionMatrix? Confusion, IReadOnlyList<string>? ClassNames)
{
    /// <summary>The challenge score: mean CCC (VA) or macro-F1 (EXPR, violence).</summary>
    public double Score => Ccc is { } c ? c.Average() : Confusion!.MacroF1();

    /// <summary>Human-readable lines: counts, metrics (4 decimals) and, for classification, the confusion matrix.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{Task.ToString().ToLowerInvariant()} {Split}: {Videos} file(s), {Frames} frame(s) scored, {IgnoredFrames} ignored\n");
        if (Ccc is { } ccc)
        {
            text.Append(CultureInfo.InvariantCulture, $"CCC valence  {ccc[0]:F4}\n");
            text.Append(CultureInfo.InvariantCulture, $"CCC arousal  {ccc[1]:F4}\n");
            text.Append(CultureInfo.InvariantCulture, $"CCC mean     {Score:F4}\n");
            return text.ToString();
        }
        var matrix = Confusion!;
        var names = ClassNames!;
        text.Append(CultureInfo.InvariantCulture, $"macro-F1     {matrix.MacroF1():F4}\n");
        text.Append(CultureInfo.InvariantCulture, $"accuracy     {matrix.Accuracy():F4}\n");
        for (int c = 0; c < matrix.ClassCount; c++)
            text.Append(CultureInfo.InvariantCulture, $"F1 {names[c],-12} {matrix.F1(c):F4}\n");
        int width = Math.Max(8, names.Max(n => n.Length) + 1);
        text.Append("confusion (rows: truth, columns: predicted)\n");
        text.Append(new string(' ', width));
        foreach (string name in names)
            text.Append(name.PadLeft(width));
        text.Append('\n');
        for (int t = 0; t < matrix.ClassCount; t++)
        {
            text.Append(names[t].PadRight(width));
            for (int p = 0; p < matrix.ClassCount; p++)
                text.Append(matrix[t, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A JSON-friendly object (serialised by the command with System.Text.Json).</summary>
    public object ToJsonObject()
    {
        var common = new Dictionary<string, object?>
        {
            ["task"] = Task.ToString().ToLowerInvariant(),
            ["split"] = Split,
            ["files"] = Videos,
            ["frames"] = Frames,
            ["ignoredFrames"] = IgnoredFrames,
            ["score"] = Score,
        };
        if (Ccc is { } ccc)
        {
            common["cccValence"] = ccc[0];
            common["cccArousal"] = ccc[1];
            common["cccMean"] = Score;
            return common;
        }
        var matrix = Confusion!;
        common["macroF1"] = matrix.MacroF1();
        common["accuracy"] = matrix.Accuracy();
        common["classes"] = ClassNames;
        common["f1"] = Enumerable.Range(0, matrix.ClassCount).Select(matrix.F1).ToArray();
        common["confusion"] = matrix.ToRows();
        return common;
    }
}
