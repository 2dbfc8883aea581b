using Microsoft.Extensions.Logging;
using MultimodalFusion.Cli.Features;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Cli.Eval;

/// <summary>
/// <c>mmf eval --model DIR --data DIR</c>: runs our models over a dataset split, writes challenge prediction files for
/// every annotated video and frame, and scores them with <see cref="ChallengeEvaluator"/> (the <c>--pred</c> form's report).
/// </summary>
/// <remarks>
/// Flow: the fusion model of the task (<see cref="FusionModelPicker"/>); features by <see cref="FeatureCacheBuilder"/>
/// with the extractors of the same folder (into <see cref="ModelEvalOptions.CacheDirectory"/> or a temp folder);
/// windows by <see cref="CacheWindowing"/> with the manifest's window length and hop (default 2 s / 0.5 s), exactly as
/// the trainer cuts them but keeping windows without annotations too; one <see cref="FusionWindowScorer"/> run per
/// window; outputs mapped back to frames by <see cref="FramePredictions"/>; files by <see cref="PredictionFiles"/>.
/// </remarks>
public static class ModelEvaluator
{
    /// <summary>
    /// Runs the evaluation. Usage errors throw <see cref="ArgumentException"/>; a missing folder <see cref="DirectoryNotFoundException"/>;
    /// no fitting fusion model or failed videos <see cref="ModelEvalException"/>; bad models <c>ModelLoadException</c>; bad files
    /// <c>DatasetFormatException</c>. Every message names the folder, file or model.
    /// </summary>
    public static async Task<ModelEvalResult> RunAsync(ModelEvalOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!Directory.Exists(options.DataDirectory))
            throw new DirectoryNotFoundException($"--data: dataset folder not found: {Path.GetFullPath(options.DataDirectory)}");
        var (modelPath, task) = FusionModelPicker.Pick(options.ModelDirectory, options.Task);
        string split = options.Split ?? ChallengeEvaluator.DefaultSplit(task);
        string cacheDirectory = options.CacheDirectory ?? TempFolder("cache");
        string predictionDirectory = options.PredictionDirectory ?? TempFolder("pred");
        try
        {
            // The extractors sit beside the fusion model (DIR itself, or the subfolder it was found in).
            string extractorDirectory = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
            FeatureCache cache = await BuildCacheAsync(options, extractorDirectory, task, split, cacheDirectory, logger, cancellationToken)
                .ConfigureAwait(false);
            using LoadedModel model = new ModelLoader().Load(modelPath);
            var files = new PredictionFiles(task, options.DataDirectory, split, predictionDirectory);
            var (videos, windows, scorerInfo) = Predict(cache, split, model, task, options, files, logger);
            EvalReport report = ChallengeEvaluator.Evaluate(task, options.DataDirectory, predictionDirectory, split);
            return new ModelEvalResult(report, modelPath, Path.GetFullPath(predictionDirectory), options.PredictionDirectory is not null,
                videos, windows, scorerInfo.Streams, scorerInfo.Dropped, scorerInfo.FrameHead);
        }
        finally
        {
            if (options.CacheDirectory is null)
                DeleteQuietly(cacheDirectory);
            if (options.PredictionDirectory is null)
                DeleteQuietly(predictionDirectory);
        }
    }

    private static async Task<FeatureCache> BuildCacheAsync(ModelEvalOptions options, string extractorDirectory, EvalTask task, string split, string directory,
        ILogger logger, CancellationToken cancellationToken)
    {
        string cacheTask = FusionModelPicker.Name(task);
        // A va+expr cache written by `mmf features` serves either emotion task: resume it instead of refusing it.
        string manifestPath = Path.Combine(directory, FeatureCacheManifest.FileName);
        if (task != EvalTask.Violence && File.Exists(manifestPath) && FeatureCacheManifest.Load(manifestPath).Task == FeatureCacheTask.VaExpr)
            cacheTask = FeatureCacheTask.VaExpr;
        var features = new FeatureCacheOptions
        {
            DataDirectory = options.DataDirectory,
            ModelsDirectory = extractorDirectory,
            OutputDirectory = directory,
            Task = cacheTask,
            Splits = [split],
            MiniLmDllPath = options.MiniLmDllPath,
        };
        FeatureCacheResult result = await FeatureCacheBuilder.RunAsync(features, logger, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ModelEvalException($"features failed for {result.Failed.Count} video(s), so they cannot be predicted: " +
                string.Join("; ", result.Failed.Select(f => $"{f.Key}: {f.Message}")));
        }
        return FeatureCache.Open(directory);
    }

    private static (int Videos, int Windows, (IReadOnlyList<string> Streams, IReadOnlyList<string> Dropped, string? FrameHead) Info) Predict(
        FeatureCache cache, string split, LoadedModel model, EvalTask task, ModelEvalOptions options, PredictionFiles files, ILogger logger)
    {
        IReadOnlyList<string> drop = options.DropModalities;
        IReadOnlyList<CacheModality> streams;
        try
        {
            streams = CacheWindowing.Streams(cache.Manifest.Modalities, FusionWindowScorer.StreamNames(model.Manifest));
        }
        catch (ArgumentException e)
        {
            throw new ModelEvalException($"{model.Session.ModelPath}: {e.Message} Put the matching extractor (manifest role) in the model folder.");
        }
        var windowOptions = new CacheWindowOptions
        {
            Task = FusionModelPicker.Name(task),
            Window = model.Manifest.Window?.Length is { Ticks: > 0 } w ? w : TimeSpan.FromSeconds(2),
            Hop = model.Manifest.Window?.Hop is { Ticks: > 0 } h ? h : TimeSpan.FromSeconds(0.5),
        };
        var videos = cache.VideosIn(split).Where(v => files.HasTruth(v.Id)).Select(cache.Load).ToList();
        if (videos.Count == 0)
            throw new ModelEvalException($"no video of split '{split}' with {FusionModelPicker.Name(task)} annotations in the feature cache {cache.Directory}.");
        var windows = videos.Select(v => CacheWindowing.Cut(v, streams, windowOptions)).ToList();
        var all = windows.SelectMany(w => w).ToList();
        int steps = Enumerable.Range(0, streams.Count).Max(m => CacheWindowing.Steps(all, m));
        var dropped = streams.Select(s => s.Name).Where(drop.Contains).ToList();
        foreach (string name in drop.Except(dropped))
            logger.LogWarning("--drop-modality {Stream}: the fusion model does not read that stream; nothing to drop", name);
        using var scorer = new FusionWindowScorer(model, streams, steps, dropped, options.UseFrameHead);
        logger.LogInformation("Fusion model {Model} ({Task}): streams {Streams}, dropped {Dropped}, window {Window} hop {Hop}, {Windows} windows of {Videos} videos",
            model.Manifest.Name, FusionModelPicker.Name(task), string.Join(", ", streams.Select(s => s.Name)),
            dropped.Count == 0 ? "none" : string.Join(", ", dropped), windowOptions.Window, windowOptions.Hop, all.Count, videos.Count);
        for (int v = 0; v < videos.Count; v++)
        {
            var predictions = new FramePredictions(videos[v].FrameTimestampsMicros, scorer.Width);
            foreach (CacheWindow window in windows[v])
                scorer.Score(window, predictions);
            files.Write(videos[v].Id, predictions.Resolve(), scorer.Width);
        }
        return (videos.Count, all.Count, (streams.Select(s => s.Name).ToList(), dropped, scorer.FramesOutput));
    }

    private static string TempFolder(string kind) =>
        Path.Combine(Path.GetTempPath(), $"mmf-eval-{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
