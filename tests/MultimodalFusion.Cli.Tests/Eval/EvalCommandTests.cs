using System.Text.Json;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.Cli.Eval;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary><c>mmf eval</c> on small fixtures whose metrics are computed by hand in the comments.</summary>
public sealed class EvalCommandTests
{
    [Fact]
    public void Va_concatenates_all_videos_skips_minus5_and_gives_the_hand_computed_ccc()
    {
        var f = new EvalFixture();
        // Valence predicted exactly -> CCC 1. Arousal truth 0.1..0.4, prediction 2x: means 0.25, 0.5; var 0.0125, 0.05;
        // cov 0.025 -> 2 * 0.025 / (0.0125 + 0.05 + 0.0625) = 0.4. Mean (1 + 0.4) / 2 = 0.7.
        f.VaTruth("v1", "-0.5,0.1", "-5,-5", "0,0.2");
        f.VaPred("v1", "-0.5,0.2", "0.9,-0.9", "0,0.4");
        f.VaTruth("v2_left", "0.5,0.3", "1,0.4");
        f.VaPred("v2_left", "0.5,0.6", "1,0.8");

        var report = ChallengeEvaluator.Evaluate(EvalTask.Va, f.TruthRoot, f.PredDir, "Validation_Set");
        Assert.Equal(2, report.Videos);
        Assert.Equal(4, report.Frames);
        Assert.Equal(1, report.IgnoredFrames);
        Assert.Equal(1.0, report.Ccc![0], 9);
        Assert.Equal(0.4, report.Ccc[1], 6);
        Assert.Equal(0.7, report.Score, 6);

        var (code, output, error) = f.Run("va");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", error);
        Assert.Contains("CCC valence  1.0000", output);
        Assert.Contains("CCC arousal  0.4000", output);
        Assert.Contains("CCC mean     0.7000", output);
    }

    [Fact]
    public void Expr_macro_f1_averages_eight_classes_and_ignores_minus1()
    {
        var f = new EvalFixture();
        f.ExprTruth("a", 0, 0, 1, -1);
        f.ExprPred("a", 0, 1, 1, 3);
        f.ExprTruth("b_right", 1, 4, 4);
        f.ExprPred("b_right", 1, 4, 0);
        // Pairs (truth, pred): (0,0) (0,1) (1,1) (1,1) (4,4) (4,0); 4 of 6 correct.
        // F1: class 0 = 2/(2+1+1) = 1/2, class 1 = 4/(4+1) = 4/5, class 4 = 2/(2+1) = 2/3, the 5 others 0.
        // Macro-F1 = (1/2 + 4/5 + 2/3) / 8 = 59/240.
        string json = Path.Combine(f.PredDir, "..", "out", "expr.json");
        var (code, output, _) = f.Run("expr", json);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("macro-F1     0.2458", output);
        Assert.Contains("accuracy     0.6667", output);
        Assert.Contains("6 frame(s) scored, 1 ignored", output);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(59.0 / 240, root.GetProperty("macroF1").GetDouble(), 12);
        Assert.Equal(4.0 / 6, root.GetProperty("accuracy").GetDouble(), 12);
        var confusion = root.GetProperty("confusion");
        Assert.Equal(8, confusion.GetArrayLength());
        Assert.Equal(1, confusion[0][0].GetInt64());
        Assert.Equal(1, confusion[0][1].GetInt64());
        Assert.Equal(2, confusion[1][1].GetInt64());
        Assert.Equal(1, confusion[4][0].GetInt64());
        Assert.Equal(1, confusion[4][4].GetInt64());
        Assert.Equal(0, confusion[3][3].GetInt64());
    }

    [Fact]
    public void Violence_scores_every_frame_with_two_class_macro_f1()
    {
        var f = new EvalFixture();
        f.DvdTruth("clip_a", 0, 0, 1, 1);
        f.DvdPred("clip_a", 0, 1, 1, 1);
        f.DvdTruth("clip_b", 1, 0);
        f.DvdPred("clip_b", 0, 0);
        // Pairs: (0,0) (0,1) (1,1) (1,1) (1,0) (0,0). Class 0: TP 2, FP 1, FN 1 -> 2/3; class 1 the same -> macro 2/3.
        var report = ChallengeEvaluator.Evaluate(EvalTask.Violence, f.TruthRoot, f.PredDir, "val");
        Assert.Equal(2.0 / 3, report.Score, 12);
        Assert.Equal(2.0 / 3, report.Confusion!.Accuracy(), 12);
        Assert.Equal(1, report.Confusion[1, 0]);
        Assert.Equal(1, report.Confusion[0, 1]);

        var (code, output, _) = f.Run("violence");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("macro-F1     0.6667", output);
        Assert.Contains("Violent", output);
    }

    [Fact]
    public void Perfect_predictions_score_exactly_one()
    {
        var f = new EvalFixture();
        f.DvdTruth("clip", 0, 1, 1, 0, 1);
        f.DvdPred("clip", 0, 1, 1, 0, 1);
        Assert.Equal(1.0, ChallengeEvaluator.Evaluate(EvalTask.Violence, f.TruthRoot, f.PredDir, "val").Score);

        f.VaTruth("v", "0.1,-0.2", "0.3,0.5", "-0.7,0.9");
        f.VaPred("v", "0.1,-0.2", "0.3,0.5", "-0.7,0.9");
        var va = ChallengeEvaluator.Evaluate(EvalTask.Va, f.TruthRoot, f.PredDir, "Validation_Set");
        Assert.Equal([1.0, 1.0], va.Ccc!);
    }

    [Fact]
    public void Missing_prediction_files_are_all_named_and_exit_1()
    {
        var f = new EvalFixture();
        f.ExprTruth("a", 0, 1);
        f.ExprPred("a", 0, 1);
        f.ExprTruth("b", 2);
        f.ExprTruth("c", 3);
        var (code, output, error) = f.Run("expr");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.Contains("2 prediction file(s) missing", error);
        Assert.Contains("b.txt, c.txt", error);
        Assert.DoesNotContain("a.txt", error);
    }

    [Fact]
    public void A_prediction_with_the_wrong_frame_count_or_frame_numbers_is_named_and_exit_1()
    {
        var f = new EvalFixture();
        f.VaTruth("v", "0.1,0.1", "0.2,0.2");
        f.VaPred("v", "0.1,0.1");
        var (code, _, error) = f.Run("va");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(Path.Combine(f.PredDir, "v.txt"), error);
        Assert.Contains("1 frames, the ground truth has 2", error);

        var g = new EvalFixture();
        g.DvdTruth("clip", 0, 1);
        Directory.CreateDirectory(g.PredDir);
        File.WriteAllText(Path.Combine(g.PredDir, "clip.csv"), "Frame_Number,Predicted_Label\n1,0\n3,1\n");
        var (code2, _, error2) = g.Run("violence");
        Assert.Equal(ExitCodes.Failure, code2);
        Assert.Contains(Path.Combine(g.PredDir, "clip.csv") + ":3:", error2);
    }

    [Fact]
    public void Bad_usage_is_a_parse_error_and_a_missing_truth_folder_is_exit_1()
    {
        Assert.NotEmpty(EvalCommand.Create().Parse(["--task", "pose", "--truth", "t", "--pred", "p"]).Errors);
        Assert.NotEmpty(EvalCommand.Create().Parse(["--task", "va", "--pred", "p"]).Errors);
        Assert.Empty(EvalCommand.Create().Parse(["--task", "va", "--truth", "t", "--pred", "p", "--split", "Train_Set"]).Errors);

        var f = new EvalFixture();
        var error = new StringWriter();
        string absent = Path.Combine(f.TruthRoot, "nope");
        Assert.Equal(ExitCodes.Failure, EvalCommand.Run(EvalTask.Va, absent, f.PredDir, null, null, TextWriter.Null, error));
        Assert.Contains(absent, error.ToString());
    }
}
