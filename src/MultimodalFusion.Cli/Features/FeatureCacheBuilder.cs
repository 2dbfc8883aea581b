using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Cli.Features;

/// <summary>
/// Runs the runtime's extractors over a dataset once and writes the feature cache the trainer reads
/// (<see cref="FeatureCacheWriter"/>): one video at a time, resumable, a failing video reported and skipped.
/// </summary>
/// <remarks>
/// The cache records the task, the modalities (video always and text always; clip and audio when the model folder
/// has such a model) and every extractor's SHA-256, so resuming with other models is refused by the writer. Videos
/// already listed in <c>cache.json</c> are skipped. One progress line per video.
/// </remarks>
public static class FeatureCacheBuilder
{
    /// <summary>
    /// Builds (or resumes) the cache. Bad options, an unrecognised layout or a missing image model throw
    /// <see cref="ArgumentException"/>; a model that does not load throws <c>ModelLoadException</c>; per-video failures
    /// are collected in the result.
    /// </summary>
    public static async Task<FeatureCacheResult> RunAsync(FeatureCacheOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string task = options.Task ?? DatasetScanner.DefaultTask(options.DataDirectory);
        var videos = DatasetScanner.Scan(options.DataDirectory, task, options.Splits);
        using var extractors = ExtractorSet.Load(options.ModelsDirectory, task, options.MiniLmDllPath, logger);
        var extraction = new VideoFeatureExtraction(extractors, options, task, logger);
        double nominalFps = NominalFps(videos, extraction, options);
        var header = new FeatureCacheManifest
        {
            Task = task,
            Modalities = extractors.Modalities(nominalFps, options.ClipHop),
            Extractors = extractors.Provenance,
            SourceDataset = Path.GetFullPath(options.DataDirectory),
            Splits = videos.Select(v => v.Split).Distinct().ToList(),
        };
        var writer = FeatureCacheWriter.Open(options.OutputDirectory, header, logger);
        logger.LogInformation("Caching {Count} videos ({Task}; modalities {Modalities}) into {Cache}", videos.Count, task,
            string.Join(", ", header.Modalities.Select(m => $"{m.Name} D={m.FeatureSize}")), writer.Directory);

        int written = 0, skipped = 0;
        var failed = new List<FailedVideo>();
        for (int i = 0; i < videos.Count; i++)
        {
            DatasetVideo video = videos[i];
            string progress = $"[{i + 1}/{videos.Count}]";
            if (writer.Contains(video.Split, video.Id))
            {
                skipped++;
                logger.LogInformation("{Progress} {Video}: already cached, skipped", progress, video.Key);
                continue;
            }
            var watch = Stopwatch.StartNew();
            try
            {
                CachedVideo cached = await extraction.ExtractAsync(video, cancellationToken).ConfigureAwait(false);
                writer.WriteVideo(cached);
                written++;
                logger.LogInformation("{Progress} {Video}: {Frames} labelled frames, rows {Rows} in {Seconds:F1} s", progress, video.Key,
                    cached.FrameCount, string.Join(", ", cached.Features.Select(f => $"{f.Key}={f.Value.Rows}")), watch.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add(new FailedVideo(video.Key, e.Message));
                logger.LogError("{Progress} {Video}: failed, skipped: {Message}", progress, video.Key, e.Message);
            }
        }
        logger.LogInformation("Feature cache {Cache}: {Written} written, {Skipped} already there, {Failed} failed",
            writer.Directory, written, skipped, failed.Count);
        return new FeatureCacheResult(writer.Directory, written, skipped, failed);
    }

    // The video modality's nominal rate: the first video whose file states one (a corrupt first video must not stop
    // the run; it fails on its own turn), else the fallback.
    private static double NominalFps(IReadOnlyList<DatasetVideo> videos, VideoFeatureExtraction extraction, FeatureCacheOptions options)
    {
        foreach (DatasetVideo video in videos.Where(v => v.VideoPath is not null).Take(5))
        {
            try
            {
                return extraction.FpsOf(video);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                // Reported with the video itself.
            }
        }
        return options.FallbackFps;
    }
}
