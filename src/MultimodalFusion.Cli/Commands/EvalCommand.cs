using System.CommandLine;
using System.Text.Json;
using MultimodalFusion.Cli.Eval;
using MultimodalFusion.Datasets;

namespace MultimodalFusion.Cli.Commands;

/// <summary>
/// <c>mmf eval --task va|expr|violence --truth DIR --pred DIR [--split NAME] [--json FILE]</c>: scores a folder of
/// challenge prediction files with the official metrics (no models, no libtorch).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task")
        {
            Description = "va (CCC valence/arousal), expr (8-class macro-F1) or violence (2-class per-frame macro-F1)",
            Required = true,
        };
        task.AcceptOnlyFromAmong("va", "expr", "violence");
        var truth = new Option<string>("--truth") { Description = "Ground-truth root: an Aff-Wild2 folder (va, expr) or a DVD folder (violence)", Required = true };
        var pred = new Option<string>("--pred") { Description = "Folder of prediction files (NAME.txt for va/expr, VIDEO.csv for violence)", Required = true };
        var split = new Option<string?>("--split") { Description = "Split to score [default: Validation_Set for va/expr, val for violence]" };
        var json = new Option<string?>("--json") { Description = "Also write the metrics as JSON to this file" };

        var command = new Command("eval", "Score challenge prediction files against the ground truth: VA CCC, EXPR and violence macro-F1, " +
            "accuracy and confusion matrix, over all frames of all videos. Exit code: 0 scored, 1 missing or bad files (named), 2 bad usage.")
        {
            task, truth, pred, split, json,
        };
        command.SetAction(parse =>
        {
            EvalTask parsed = Parse(parse.GetValue(task)!);
            return Run(parsed, parse.GetValue(truth)!, parse.GetValue(pred)!, parse.GetValue(split), parse.GetValue(json), Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>The task named on the command line (already restricted to the three names).</summary>
    public static EvalTask Parse(string name) => name switch
    {
        "va" => EvalTask.Va,
        "expr" => EvalTask.Expr,
        "violence" => EvalTask.Violence,
        _ => throw new ArgumentException($"Unknown task '{name}'; use va, expr or violence."),
    };

    /// <summary>Scores, prints the report to <paramref name="output"/> and returns the exit code; errors go to <paramref name="error"/>.</summary>
    public static int Run(EvalTask task, string truthRoot, string predictionDirectory, string? split, string? jsonPath, TextWriter output, TextWriter error)
    {
        EvalReport report;
        try
        {
            report = ChallengeEvaluator.Evaluate(task, truthRoot, predictionDirectory, split ?? ChallengeEvaluator.DefaultSplit(task));
        }
        catch (Exception e) when (e is MissingPredictionsException or DatasetFormatException or DirectoryNotFoundException or FileNotFoundException or IOException)
        {
            error.WriteLine($"mmf eval: {e.Message}");
            return ExitCodes.Failure;
        }

        output.Write(report.ToText());
        if (jsonPath is not null)
        {
            try
            {
                string full = Path.GetFullPath(jsonPath);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, JsonSerializer.Serialize(report.ToJsonObject(), s_json) + "\n");
                output.WriteLine($"metrics written to {full}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"mmf eval: cannot write {jsonPath}: {e.Message}");
                return ExitCodes.Failure;
            }
        }
        return ExitCodes.Success;
    }

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
}
