using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Datasets.Tests.Cache;

public class FeatureCacheManifestTests
{
    public static TheoryData<FeatureCacheManifest, string> BadHeaders() => new()
    {
        { CacheFixtures.Header() with { Task = "emotion" }, "unknown task 'emotion'" },
        { CacheFixtures.Header() with { Modalities = [] }, "no modalities" },
        { CacheFixtures.Header() with { Modalities = [new CacheModality("va", 4, 1)] }, "bad modality name 'va'" },
        { CacheFixtures.Header() with { Modalities = [new CacheModality("a/b", 4, 1)] }, "bad modality name 'a/b'" },
        { CacheFixtures.Header() with { Modalities = [new CacheModality("x", 4, 1), new CacheModality("x", 4, 1)] }, "listed twice" },
        { CacheFixtures.Header() with { Modalities = [new CacheModality("x", 0, 1)] }, "featureSize > 0" },
        { CacheFixtures.Header() with { Modalities = [new CacheModality("x", 4, double.NaN)] }, "rateHz > 0" },
        { CacheFixtures.Header() with { Extractors = [new ExtractorProvenance("m", "abc")] }, "64 hex digits" },
        { CacheFixtures.Header() with { Extractors = [new ExtractorProvenance("m", new string('0', 64), "text")] }, "modality 'text'" },
        { CacheFixtures.Header() with { Splits = ["../up"] }, "split '../up'" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Writer_refuses_a_bad_header_with_the_reason(FeatureCacheManifest header, string fragment)
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => FeatureCacheWriter.Open(dir.Path, header));
        Assert.Contains(fragment, e.Message);
        Assert.Contains("cache.json", e.Message);
        Assert.False(File.Exists(dir.Combine("cache.json")));
    }

    [Fact]
    public void Reader_refuses_a_manifest_whose_video_lacks_a_row_count()
    {
        using var dir = new TempFolder();
        dir.WriteText("cache.json", """
            { "formatVersion": 1, "task": "violence",
              "modalities": [ { "name": "video", "featureSize": 4, "rateHz": 8 }, { "name": "audio", "featureSize": 2, "rateHz": 2 } ],
              "videos": [ { "split": "train", "id": "v1", "frameCount": 3, "rows": { "video": 3 } } ] }
            """);
        var e = Assert.Throws<DatasetFormatException>(() => FeatureCache.Open(dir.Path));
        Assert.Equal(dir.Combine("cache.json"), e.File);
        Assert.Contains("'train/v1' has no row count for modality 'audio'", e.Message);
    }

    [Fact]
    public void Timestamps_out_of_order_on_disk_are_named()
    {
        using var dir = new TempFolder();
        FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header()).WriteVideo(CacheFixtures.Video("Train_Set", "a", 10, seed: 1));
        string path = dir.Combine("Train_Set", "a", "frames.t.npy");
        NpyFile.Write(path, new long[] { 0, 5, 5, 6, 7, 8, 9, 10, 11, 12 }, 10);

        var e = Assert.Throws<DatasetFormatException>(() => FeatureCache.Open(dir.Path).Load("Train_Set", "a"));
        Assert.Equal(path, e.File);
        Assert.Contains("row 2 (5 us) follows 5 us", e.Message);
    }
}
