using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>
/// A temp folder with a ground-truth root and a prediction folder, written as plain text line by line so the
/// expected metrics can be computed by hand from the lines in each test.
/// </summary>
internal sealed class EvalFixture
{
    public EvalFixture()
    {
        string dir = RepoPaths.NewTempDir("mmf-eval");
        TruthRoot = Path.Combine(dir, "truth");
        PredDir = Path.Combine(dir, "pred");
        Directory.CreateDirectory(PredDir);
    }

    public string TruthRoot { get; }

    public string PredDir { get; }

    /// <summary>Aff-Wild2 VA annotation NAME.txt of the validation split; rows are "valence,arousal".</summary>
    public void VaTruth(string name, params string[] rows) =>
        Write(Path.Combine(TruthRoot, "annotations", "VA_Estimation_Challenge", AffWild2Splits.Validation, name + ".txt"), VaAnnotation.Header, rows);

    /// <summary>Aff-Wild2 EXPR annotation NAME.txt of the validation split; one class per row.</summary>
    public void ExprTruth(string name, params int[] labels) =>
        Write(Path.Combine(TruthRoot, "annotations", "EXPR_Recognition_Challenge", AffWild2Splits.Validation, name + ".txt"),
            ExprAnnotation.Header, labels.Select(l => l.ToString()).ToArray());

    /// <summary>DVD ground truth val/labels/VIDEO.csv for consecutive frames 1..n.</summary>
    public void DvdTruth(string video, params int[] labels) =>
        Write(Path.Combine(TruthRoot, "val", "labels", video + ".csv"), DvdLabels.LabelHeader, Numbered(labels));

    public void VaPred(string name, params string[] rows) => Write(Path.Combine(PredDir, name + ".txt"), VaAnnotation.Header, rows);

    public void ExprPred(string name, params int[] labels) =>
        Write(Path.Combine(PredDir, name + ".txt"), ExprAnnotation.Header, labels.Select(l => l.ToString()).ToArray());

    public void DvdPred(string video, params int[] labels) =>
        Write(Path.Combine(PredDir, video + ".csv"), DvdLabels.PredictionHeader, Numbered(labels));

    /// <summary>Runs the command in-process and returns (exit code, stdout, stderr).</summary>
    public (int Code, string Out, string Err) Run(string task, string? json = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Commands.EvalCommand.Run(Commands.EvalCommand.Parse(task), TruthRoot, PredDir, null, json, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Numbered(int[] labels) => labels.Select((l, i) => $"{i + 1},{l}").ToArray();

    private static void Write(string path, string header, string[] rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, header + "\n" + string.Join("\n", rows) + "\n");
    }
}
