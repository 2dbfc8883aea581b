using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Training.Data;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>
/// The three window sets of a run, cut from a feature cache: training, early stopping, held out.
/// </summary>
/// <remarks>
/// The training split is the cache split whose name contains "train"; every fifth of its videos (by manifest
/// order; at least one, when there are two or more) is kept apart for early stopping. The held-out set is the
/// split whose name contains "val" (else "test"), never seen in training or early stopping; when the cache has
/// none, the early-stopping videos are the held-out set and <see cref="HeldOutName"/> says so. Owns its datasets.
/// </remarks>
internal sealed class TrainData : IDisposable
{
    private TrainData(FusionDataset train, FusionDataset validation, FusionDataset heldOut, string heldOutName, string description)
    {
        (Train, Validation, HeldOut, HeldOutName, Description) = (train, validation, heldOut, heldOutName, description);
    }

    public FusionDataset Train { get; }
    public FusionDataset Validation { get; }
    public FusionDataset HeldOut { get; }
    public string HeldOutName { get; }
    public string Description { get; }

    public static TrainData Load(FeatureCache cache, FeatureCacheWindowOptions options)
    {
        var splits = cache.Videos.Select(v => v.Split).Distinct().ToList();
        string trainSplit = splits.FirstOrDefault(s => s.Contains("train", StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Feature cache {cache.Directory} has no training split (a split named *train*; it has {Names(splits)}).");
        string? heldOutSplit = splits.FirstOrDefault(s => s.Contains("val", StringComparison.OrdinalIgnoreCase))
            ?? splits.FirstOrDefault(s => s.Contains("test", StringComparison.OrdinalIgnoreCase));
        var trainVideos = cache.VideosIn(trainSplit).Select(cache.Load).ToList();
        var stopping = trainVideos.Count >= 2 ? trainVideos.Where((_, i) => i % 5 == 4 || (trainVideos.Count < 5 && i == trainVideos.Count - 1)).ToList() : trainVideos;
        var fitting = trainVideos.Count >= 2 ? trainVideos.Except(stopping).ToList() : trainVideos;
        var modalities = cache.Manifest.Modalities;
        var train = FeatureCacheWindows.Build(fitting, modalities, options);
        var validation = FeatureCacheWindows.Build(stopping, modalities, options);
        if (heldOutSplit is null)
        {
            string note = $"{trainSplit} (every 5th video; also used for early stopping: the cache has no validation split)";
            return new TrainData(train, validation, FeatureCacheWindows.Build(stopping, modalities, options), note, Describe(cache, trainSplit, fitting.Count));
        }
        var heldOut = FeatureCacheWindows.Build(cache, heldOutSplit, options);
        return new TrainData(train, validation, heldOut, heldOutSplit, Describe(cache, trainSplit, fitting.Count));
    }

    private static string Describe(FeatureCache cache, string split, int videos) =>
        $"feature cache {Path.GetFileName(cache.Directory)} ({cache.Manifest.SourceDataset ?? "unnamed source"}, task {cache.Manifest.Task}), split {split}, {videos} video(s)";

    private static string Names(IEnumerable<string> splits) => splits.Any() ? string.Join(", ", splits) : "no videos";

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        HeldOut.Dispose();
    }
}
