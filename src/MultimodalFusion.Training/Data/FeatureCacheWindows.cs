using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Data;

/// <summary>
/// Turns cached videos (<see cref="FeatureCache"/>) into a <see cref="FusionDataset"/> of windows: length W, hop H
/// from each video's first labelled frame; per stream the rows whose timestamps fall in [start, start + W), padded
/// to the longest window of the set and masked; a stream with no rows in a window is absent (all-false mask).
/// </summary>
/// <remarks>
/// The torch-free part (which rows fall in each window, labels, padding, masks, per-frame targets) is
/// <see cref="CacheWindowing"/> in MultimodalFusion.Datasets, shared with <c>mmf eval</c>; this class wraps it in tensors.
/// Labels come from the video's labelled frames in the window: VA = mean of the frames where both values are
/// annotated; EXPR = the most frequent annotated class (ties: the smaller index); violence = any / at least half
/// (<see cref="ViolenceWindowRule"/>). A window with no annotated frame is skipped. Every set also gets per-frame
/// targets over the base (first) stream's steps: the label (class, or valence and arousal) of the latest labelled
/// frame at or before the step inside the window; -1 (classes) or NaN (VA) where there is none, where it is
/// unannotated, and on padding. The last window may run
/// past the end of the video (its tail is padding), so every frame is covered.
/// </remarks>
public static class FeatureCacheWindows
{
    /// <summary>Windows of every video of <paramref name="split"/> in <paramref name="cache"/>.</summary>
    public static FusionDataset Build(FeatureCache cache, string split, FeatureCacheWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var entries = cache.VideosIn(split);
        if (entries.Count == 0)
        {
            throw new ArgumentException($"Feature cache {cache.Directory} has no videos in split '{split}' " +
                $"(splits: {string.Join(", ", cache.Videos.Select(v => v.Split).Distinct())}).");
        }
        return Build(entries.Select(cache.Load).ToList(), cache.Manifest.Modalities, options);
    }

    /// <summary>Windows of <paramref name="videos"/>, whose streams are described by <paramref name="cached"/>.</summary>
    public static FusionDataset Build(IReadOnlyList<CachedVideo> videos, IReadOnlyList<CacheModality> cached, FeatureCacheWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var streams = CacheWindowing.Streams(cached, options.Modalities);
        var windows = CacheWindowing.CutLabelled(videos, streams, options.ToCacheWindowOptions());
        if (windows.Count == 0)
            throw new ArgumentException($"No window of {videos.Count} video(s) has an annotated {options.Task} frame.");

        int n = windows.Count;
        var specs = streams.Select(s => new ModalitySpec(s.Name, s.FeatureSize)).ToList();
        var features = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int m = 0; m < streams.Count; m++)
        {
            PackedStream packed = CacheWindowing.Pack(windows, m);
            features.Add(tensor(packed.Values, new long[] { n, packed.Steps, packed.Dim }));
            masks.Add(tensor(packed.Mask, new long[] { n, packed.Steps }));
        }
        int baseSteps = (int)features[0].shape[1];
        if (options.Task == "va")
        {
            var targets = windows.SelectMany(w => w.Va!).ToArray();
            return new FusionDataset(specs, features, masks, tensor(targets, new long[] { n, 2 }),
                tensor(CacheWindowing.FrameVa(windows, baseSteps), new long[] { n, baseSteps, 2 }));
        }
        long[] frameTargets = CacheWindowing.FrameTargets(windows, options.Task, baseSteps);
        return new FusionDataset(specs, features, masks, tensor(windows.Select(w => w.Label!.Value).ToArray(), ScalarType.Int64),
            tensor(frameTargets, new long[] { n, baseSteps }, ScalarType.Int64));
    }
}
