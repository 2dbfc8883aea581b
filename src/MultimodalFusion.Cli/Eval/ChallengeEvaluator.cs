using MultimodalFusion.Datasets;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Datasets.Predictions;

namespace MultimodalFusion.Cli.Eval;

/// <summary>
/// Scores a folder of challenge prediction files against a dataset's ground truth with the official metrics:
/// every frame of every file is concatenated into one series (not averaged per video), then
/// VA: CCC per dimension and their mean; EXPR: 8-class macro-F1 and accuracy; violence: 2-class macro-F1 and accuracy.
/// </summary>
/// <remarks>
/// Ground truth: an Aff-Wild2 root (VA/EXPR annotation folders found by <see cref="AffWild2Layout"/>) or a DVD root
/// (<c>SPLIT/labels/VIDEO.csv</c>). Every ground-truth file needs a prediction file of the same name covering
/// every frame. Errors: <see cref="MissingPredictionsException"/> (lists all missing files),
/// <see cref="DatasetFormatException"/> (names the bad file), <see cref="DirectoryNotFoundException"/>. Stateless.
/// </remarks>
public static class ChallengeEvaluator
{
    /// <summary>The split scored when none is given: Aff-Wild2's validation set, DVD's <c>val</c>.</summary>
    public static string DefaultSplit(EvalTask task) => task == EvalTask.Violence ? "val" : AffWild2Splits.Validation;

    /// <summary>Scores <paramref name="predictionDirectory"/> against <paramref name="truthRoot"/>/<paramref name="split"/>.</summary>
    public static EvalReport Evaluate(EvalTask task, string truthRoot, string predictionDirectory, string split)
    {
        if (!Directory.Exists(truthRoot))
            throw new DirectoryNotFoundException($"Ground-truth folder not found: {Path.GetFullPath(truthRoot)}");
        if (!Directory.Exists(predictionDirectory))
            throw new DirectoryNotFoundException($"Prediction folder not found: {Path.GetFullPath(predictionDirectory)}");
        var reader = new ChallengePredictionReader(predictionDirectory);
        return task switch
        {
            EvalTask.Va => EvaluateVa(new AffWild2Layout(truthRoot), reader, split),
            EvalTask.Expr => EvaluateExpr(new AffWild2Layout(truthRoot), reader, split),
            EvalTask.Violence => EvaluateViolence(new DvdLayout(truthRoot), reader, split),
            _ => throw new ArgumentOutOfRangeException(nameof(task), task, null),
        };
    }

    private static EvalReport EvaluateVa(AffWild2Layout layout, ChallengePredictionReader reader, string split)
    {
        var entries = layout.Entries(AffWild2Challenge.VA, split);
        RequireAll(reader, entries.Select(e => e.Name.Name).ToList(), ".txt");
        var predicted = new List<float>[] { [], [] };
        var truth = new List<float>[] { [], [] };
        long ignored = 0;
        foreach (var entry in entries)
        {
            VaAnnotation gt = VaFile.Read(entry.AnnotationPath);
            VaAnnotation pred = reader.ReadVa(entry.Name.Name, gt.FrameCount);
            for (int i = 0; i < gt.FrameCount; i++)
            {
                // A frame counts only when both truth dimensions are labelled (-5 marks "ignore").
                if (!gt.IsLabelled(i))
                {
                    ignored++;
                    continue;
                }
                truth[0].Add(gt.Valence[i]);
                truth[1].Add(gt.Arousal[i]);
                predicted[0].Add(pred.Valence[i]);
                predicted[1].Add(pred.Arousal[i]);
            }
        }
        RequireFrames(truth[0].Count, layout.Root, split);
        double[] ccc = [Concordance.Ccc(predicted[0].ToArray(), truth[0].ToArray()), Concordance.Ccc(predicted[1].ToArray(), truth[1].ToArray())];
        return new EvalReport(EvalTask.Va, split, entries.Count, truth[0].Count, ignored, ccc, null, null);
    }

    private static EvalReport EvaluateExpr(AffWild2Layout layout, ChallengePredictionReader reader, string split)
    {
        var entries = layout.Entries(AffWild2Challenge.EXPR, split);
        RequireAll(reader, entries.Select(e => e.Name.Name).ToList(), ".txt");
        var matrix = new ConfusionMatrix(TaskLabels.Expressions.Count);
        long ignored = 0;
        foreach (var entry in entries)
        {
            ExprAnnotation gt = ExprFile.Read(entry.AnnotationPath);
            ExprAnnotation pred = reader.ReadExpr(entry.Name.Name, gt.FrameCount);
            string predPath = Path.Combine(reader.Directory, entry.Name.Name + ".txt");
            for (int i = 0; i < gt.FrameCount; i++)
            {
                if (!gt.IsLabelled(i))
                {
                    ignored++;
                    continue;
                }
                AddChecked(matrix, gt.Labels[i], pred.Labels[i], predPath, i + 2);
            }
        }
        RequireFrames(matrix.Total, layout.Root, split);
        return new EvalReport(EvalTask.Expr, split, entries.Count, matrix.Total, ignored, null, matrix, TaskLabels.Expressions);
    }

    private static EvalReport EvaluateViolence(DvdLayout layout, ChallengePredictionReader reader, string split)
    {
        var entries = layout.Entries(split);
        RequireAll(reader, entries.Select(e => e.VideoName).ToList(), ".csv");
        var matrix = new ConfusionMatrix(TaskLabels.Violence.Count);
        foreach (var entry in entries)
        {
            DvdLabels gt = DvdLabelFile.Read(entry.LabelPath);
            DvdLabels pred = reader.ReadViolence(entry.VideoName, gt.Count);
            string predPath = Path.Combine(reader.Directory, entry.VideoName + ".csv");
            for (int i = 0; i < gt.Count; i++)
            {
                // Line i + 2 (after the header) of both files must describe the same frame.
                if (gt.FrameNumbers[i] != pred.FrameNumbers[i])
                    throw new DatasetFormatException(predPath, i + 2,
                        $"frame {pred.FrameNumbers[i]} where the ground truth ({entry.LabelPath}) has frame {gt.FrameNumbers[i]}.");
                AddChecked(matrix, gt.Labels[i], pred.Labels[i], predPath, i + 2);
            }
        }
        RequireFrames(matrix.Total, layout.Root, split);
        return new EvalReport(EvalTask.Violence, split, entries.Count, matrix.Total, 0, null, matrix, TaskLabels.Violence);
    }

    private static void AddChecked(ConfusionMatrix matrix, int truth, int predicted, string predPath, int line)
    {
        if ((uint)predicted >= (uint)matrix.ClassCount)
            throw new DatasetFormatException(predPath, line, $"predicted class {predicted} is outside [0, {matrix.ClassCount}).");
        matrix.Add(truth, predicted);
    }

    private static void RequireAll(ChallengePredictionReader reader, IReadOnlyList<string> names, string extension)
    {
        var missing = reader.Missing(names, extension);
        if (missing.Count > 0)
            throw new MissingPredictionsException(reader.Directory, missing.Select(n => n + extension).ToList());
    }

    private static void RequireFrames(long frames, string root, string split)
    {
        if (frames == 0)
            throw new DatasetFormatException(root, null, $"split {split} has no labelled frame to score.");
    }
}
