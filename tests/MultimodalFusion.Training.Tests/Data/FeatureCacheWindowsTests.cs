using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Training.Data;

namespace MultimodalFusion.Training.Tests.Data;

/// <summary>Windows cut from a feature cache written by the Datasets writer: rows, masks, padding, labels, frame targets.</summary>
public sealed class FeatureCacheWindowsTests : IDisposable
{
    private static readonly CacheModality[] s_modalities = [new("video", 3, 10), new("audio", 2, 4)];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-training-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A video at 10 fps: video rows at the frames (values = frame index), audio rows at 4 Hz (or none).</summary>
    internal static CachedVideo Video(string split, string id, int frames, bool audio, int[]? violence = null, int[]? expr = null, float[]? va = null)
    {
        long[] stamps = Enumerable.Range(0, frames).Select(i => i * 100_000L).ToArray();
        var videoRows = Enumerable.Range(0, frames).SelectMany(i => new float[] { i, i, i }).ToArray();
        int audioRows = audio ? frames * 4 / 10 : 0;
        long[] audioStamps = Enumerable.Range(0, audioRows).Select(i => 125_000L + i * 250_000L).ToArray();
        return new CachedVideo
        {
            Split = split, Id = id, FrameTimestampsMicros = stamps,
            Features = new Dictionary<string, FeatureSeries>
            {
                ["video"] = new(videoRows, frames, 3, stamps),
                ["audio"] = new(Enumerable.Range(0, audioRows * 2).Select(i => (float)i).ToArray(), audioRows, 2, audioStamps),
            },
            Violence = violence, Expr = expr, Va = va,
        };
    }

    [Theory]
    [InlineData(ViolenceWindowRule.Any, 1)]
    [InlineData(ViolenceWindowRule.Majority, 0)]
    public void ViolenceWindowsFromAWrittenCache(ViolenceWindowRule rule, long firstWindowLabel)
    {
        var writer = FeatureCacheWriter.Open(_directory, new FeatureCacheManifest { Task = "violence", Modalities = s_modalities });
        int[] labels = Enumerable.Range(0, 30).Select(i => i < 10 ? 0 : i < 15 ? -1 : 1).ToArray();
        writer.WriteVideo(Video("train", "v1", 30, audio: true, violence: labels));
        writer.WriteVideo(Video("train", "v2", 15, audio: false, violence: new int[15]));
        writer.WriteVideo(Video("train", "unlabelled", 20, audio: true, violence: Enumerable.Repeat(-1, 20).ToArray()));
        writer.WriteVideo(Video("test", "other", 10, audio: true, violence: new int[10]));

        var cache = FeatureCache.Open(_directory);
        var options = new FeatureCacheWindowOptions { Task = "violence", Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(1), ViolenceRule = rule };
        using var data = FeatureCacheWindows.Build(cache, "train", options);

        // v1 spans 2.9 s: windows [0, 2) and [1, 3); v2 spans 1.4 s: one window; the unlabelled video gives none.
        Assert.Equal(3, data.Count);
        Assert.Equal(["video", "audio"], data.Modalities.Select(m => m.Name));
        Assert.Equal([3L, 20, 3], data.Features[0].shape);
        Assert.Equal([3L, 8, 2], data.Features[1].shape);
        Assert.Equal([firstWindowLabel, 1, 0], data.Targets.data<long>().ToArray());
        Assert.Equal(10f, data.Features[0][1, 0, 0].item<float>());   // window 2 of v1 starts at frame 10
        bool[] videoMask = data.Masks[0].data<bool>().ToArray();
        Assert.Equal(20, videoMask.Skip(20).Take(20).Count(p => p));
        Assert.Equal(15, videoMask.Skip(40).Count(p => p));              // v2: 15 frames, 5 padded
        Assert.Equal(0, data.Masks[1].data<bool>().Skip(16).Count(p => p)); // v2 has no audio: absent
        Assert.Equal(8, data.Masks[1].data<bool>().Take(8).Count(p => p));
        long[] frames = data.FrameTargets!.data<long>().ToArray();
        Assert.Equal(Enumerable.Repeat(0L, 10).Concat(Enumerable.Repeat(-1L, 5)).Concat(Enumerable.Repeat(1L, 5)), frames.Take(20));
        Assert.Equal(Enumerable.Repeat(0L, 15).Concat(Enumerable.Repeat(-1L, 5)), frames.Skip(40));

        var missing = Assert.Throws<ArgumentException>(() => FeatureCacheWindows.Build(cache, "validation", options));
        Assert.Contains("'validation'", missing.Message);
        Assert.Contains("train", missing.Message);
        var badStream = Assert.Throws<ArgumentException>(() => FeatureCacheWindows.Build(cache, "train", options with { Modalities = ["text"] }));
        Assert.Contains("'text'", badStream.Message);
    }

    [Fact]
    public void VaIsTheMeanOfAnnotatedFramesAndExprTheMajority()
    {
        // 25 frames (2.4 s), window 2 s hop 0.5 s: starts 0, 0.5 (the second runs to 2.5 s).
        var va = new float[50];
        for (int i = 0; i < 25; i++)
        {
            va[2 * i] = i < 5 ? float.NaN : 0.5f;
            va[2 * i + 1] = i < 5 ? float.NaN : i < 20 ? -0.2f : 0.8f;
        }
        int[] expr = Enumerable.Range(0, 25).Select(i => i < 8 ? 3 : i < 12 ? -1 : 5).ToArray();
        var video = Video("train", "v", 25, audio: true, expr: expr, va: va);

        using var regression = FeatureCacheWindows.Build([video], s_modalities, new FeatureCacheWindowOptions { Task = "va", Modalities = ["audio", "video"] });
        Assert.Equal(2, regression.Count);
        Assert.Equal(["audio", "video"], regression.Modalities.Select(m => m.Name));
        float[] targets = regression.Targets.data<float>().ToArray();
        // Window 0 (frames 0-19): annotated 5-19 -> valence 0.5, arousal -0.2. Window 1 (frames 5-24): arousal (15·-0.2 + 5·0.8) / 20.
        Assert.Equal([0.5f, -0.2f], targets[..2]);
        Assert.Equal(0.5f, targets[2], 5);
        Assert.Equal((15 * -0.2f + 5 * 0.8f) / 20, targets[3], 5);
        // Per-frame VA over the base (audio) steps: step 0 (0.125 s) -> frame 1 (unannotated: NaN), step 2 (0.625 s) -> frame 6,
        // window 1's step 7 (2.375 s) -> frame 23.
        var frames = regression.FrameTargets!;
        Assert.Equal([2L, 8, 2], frames.shape);
        Assert.True(float.IsNaN(frames[0, 0, 0].item<float>()));
        Assert.Equal([0.5f, -0.2f], frames[0, 2].data<float>().ToArray());
        Assert.Equal([0.5f, 0.8f], frames[1, 7].data<float>().ToArray());

        using var classes = FeatureCacheWindows.Build([video], s_modalities, new FeatureCacheWindowOptions { Task = "expr" });
        // Window 0: 8 frames of 3, 8 of 5 (12-19): a tie goes to the smaller class; window 1: 3 of 3, 13 of 5.
        Assert.Equal([3L, 5], classes.Targets.data<long>().ToArray());
        Assert.Equal(-1L, classes.FrameTargets![0, 9].item<long>());
        Assert.Equal(5L, classes.FrameTargets![1, 19].item<long>());
    }
}
