using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Cli.Eval;
using MultimodalFusion.Cli.Logging;
using MultimodalFusion.Datasets;
using MultimodalFusion.Inference.Sessions;
using Serilog.Events;

namespace MultimodalFusion.Cli.Commands;

/// <summary>
/// <c>mmf eval --task va|expr|violence --truth DIR --pred DIR</c>: scores a folder of challenge prediction files with the
/// official metrics (no models, no libtorch); <c>mmf eval --model DIR --data DIR</c>: runs our models over a dataset split,
/// writes the prediction files and prints the same report (<see cref="ModelEvaluator"/>).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var task = new Option<string?>("--task")
        {
            Description = "va (CCC valence/arousal), expr (8-class macro-F1) or violence (2-class per-frame macro-F1); " +
                "required with --pred, with --model it picks the fusion model [default: the only one's task]",
        };
        task.AcceptOnlyFromAmong("va", "expr", "violence");
        var truth = new Option<string?>("--truth") { Description = "Ground-truth root: an Aff-Wild2 folder (va, expr) or a DVD folder (violence)" };
        var pred = new Option<string?>("--pred") { Description = "Folder of prediction files (NAME.txt for va/expr, VIDEO.csv for violence)" };
        var model = new Option<string?>("--model") { Description = "Folder with the fusion model(s) (manifest role fusion, task from the manifest) and the extractors (face/image, clip, audio, text)" };
        var data = new Option<string?>("--data") { Description = "Dataset root to predict: Aff-Wild2 (va, expr) or DVD (violence) layout, as mmf synth writes it" };
        var predOut = new Option<string?>("--pred-out") { Description = "With --model: keep the prediction files in this folder [default: a temp folder, deleted]" };
        var cache = new Option<string?>("--cache") { Description = "With --model: feature cache folder to write or resume, and keep [default: a temp folder, deleted]" };
        var drop = new Option<string[]>("--drop-modality")
        {
            Description = "With --model: mask this stream out at test time (zero features, mask false); repeatable",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        drop.AcceptOnlyFromAmong([.. ModelEvalOptions.DroppableModalities]);
        var frames = new Option<string?>("--frames")
        {
            Description = "With --model: frames from the model's per-frame head (head) or from the windows holding them (windows) [default: head when the model has one]",
        };
        frames.AcceptOnlyFromAmong("head", "windows");
        var split = new Option<string?>("--split") { Description = "Split to score [default: Validation_Set for va/expr, val for violence]" };
        var json = new Option<string?>("--json") { Description = "Also write the metrics as JSON to this file" };

        var command = new Command("eval", "Score challenge prediction files against the ground truth (--truth/--pred), or run the models of " +
            "--model over the dataset --data, write prediction files for every annotated frame and score them: VA CCC, EXPR and violence " +
            "macro-F1, accuracy and confusion matrix, over all frames of all videos. Exit code: 0 scored, 1 missing or bad files or " +
            "models (named), 2 bad usage.")
        {
            task, truth, pred, model, data, predOut, cache, drop, frames, split, json,
        };
        command.Validators.Add(result =>
        {
            bool scoreForm = result.GetResult(truth) is not null || result.GetResult(pred) is not null;
            bool modelForm = result.GetResult(model) is not null || result.GetResult(data) is not null;
            if (scoreForm && modelForm)
                result.AddError("use either --truth/--pred (score prediction files) or --model/--data (run the models), not both.");
            else if (modelForm && (result.GetResult(model) is null || result.GetResult(data) is null))
                result.AddError("--model and --data go together.");
            else if (!modelForm && (result.GetResult(truth) is null || result.GetResult(pred) is null || result.GetResult(task) is null))
                result.AddError("give --task, --truth and --pred (score prediction files) or --model and --data (run the models).");
            if (!modelForm && (result.GetResult(predOut) is not null || result.GetResult(cache) is not null || result.GetResult(drop) is not null
                || result.GetResult(frames) is not null))
                result.AddError("--pred-out, --cache, --drop-modality and --frames go with --model/--data.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            string? taskName = parse.GetValue(task);
            if (parse.GetValue(model) is { } modelDirectory)
            {
                var options = new ModelEvalOptions
                {
                    ModelDirectory = modelDirectory,
                    DataDirectory = parse.GetValue(data)!,
                    Task = taskName is null ? null : Parse(taskName),
                    Split = parse.GetValue(split),
                    PredictionDirectory = parse.GetValue(predOut),
                    CacheDirectory = parse.GetValue(cache),
                    DropModalities = parse.GetValue(drop) ?? [],
                    UseFrameHead = parse.GetValue(frames) != "windows",
                };
                using var loggerFactory = LogSetup.Create(LogEventLevel.Information, logDirectory: null);
                return await RunModelAsync(options, parse.GetValue(json), stdout, stderr, loggerFactory.CreateLogger("eval"), cancellationToken)
                    .ConfigureAwait(false);
            }
            return Run(Parse(taskName!), parse.GetValue(truth)!, parse.GetValue(pred)!, parse.GetValue(split), parse.GetValue(json), stdout, stderr);
        });
        return command;
    }

    /// <summary>
    /// Runs the models over the dataset, prints what was predicted and the report to <paramref name="output"/>, and returns the
    /// exit code (2 bad options, 1 a named failure); errors go to <paramref name="error"/>.
    /// </summary>
    public static async Task<int> RunModelAsync(ModelEvalOptions options, string? jsonPath, TextWriter output, TextWriter error, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"mmf eval: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        ModelEvalResult result;
        try
        {
            result = await ModelEvaluator.RunAsync(options, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ModelEvalException or ArgumentException or InvalidOperationException or ModelLoadException
            or MissingPredictionsException or DatasetFormatException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            await error.WriteLineAsync($"mmf eval: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        await output.WriteLineAsync($"model {result.ModelPath}: streams {string.Join(", ", result.Streams)}" +
            $"{(result.Dropped.Count > 0 ? $" (dropped: {string.Join(", ", result.Dropped)})" : "")}; {result.Videos} video(s), " +
            $"{result.Windows} window(s); frames from {(result.FrameHead is { } head ? $"the per-frame head {head}" : "the window outputs")}").ConfigureAwait(false);
        await output.WriteLineAsync(result.PredictionsKept ? $"predictions written to {result.PredictionDirectory}" : "predictions not kept (use --pred-out DIR)")
            .ConfigureAwait(false);
        return Report(result.Report, jsonPath, output, error);
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

        return Report(report, jsonPath, output, error);
    }

    private static int Report(EvalReport report, string? jsonPath, TextWriter output, TextWriter error)
    {
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
