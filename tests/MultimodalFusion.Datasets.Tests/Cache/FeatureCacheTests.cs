using System.Text.Json;
using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Datasets.Tests.Cache;

public class FeatureCacheTests
{
    [Fact]
    public void Round_trip_returns_every_array_and_the_manifest()
    {
        using var dir = new TempFolder();
        var writer = FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header());
        CachedVideo a = CacheFixtures.Video("Train_Set", "1-30-1280x720_left", 90, seed: 1);
        CachedVideo b = CacheFixtures.Video("Validation_Set", "7-25-640x360", 40, seed: 2, audioRows: 0);
        writer.WriteVideo(a);
        writer.WriteVideo(b);

        var cache = FeatureCache.Open(dir.Path);

        Assert.Equal(2, cache.Videos.Count);
        Assert.Equal("va+expr", cache.Manifest.Task);
        Assert.Equal("/data/affwild2", cache.Manifest.SourceDataset);
        Assert.Equal(new string('b', 64), cache.Manifest.Extractors[1].Sha256);
        Assert.Equal(["Train_Set", "Validation_Set"], cache.Manifest.Splits);
        Assert.Equal(new CacheModality("audio", 5, 2.0), cache.Manifest.Modalities[1]);
        Assert.Equal("7-25-640x360", Assert.Single(cache.VideosIn("Validation_Set")).Id);
        foreach (CachedVideo expected in new[] { a, b })
        {
            CachedVideo got = cache.Load(expected.Split, expected.Id);
            Assert.Equal(expected.FrameTimestampsMicros, got.FrameTimestampsMicros);
            Assert.Equal(expected.Va, got.Va);
            Assert.Equal(expected.Expr, got.Expr);
            Assert.Null(got.Violence);
            foreach (var (name, series) in expected.Features)
            {
                FeatureSeries s = got.Features[name];
                Assert.Equal((series.Rows, series.Dim), (s.Rows, s.Dim));
                Assert.Equal(series.Data, s.Data);
                Assert.Equal(series.TimestampsMicros, s.TimestampsMicros);
            }
        }
        Assert.Equal(0, cache.Load(b.Split, b.Id).Features["audio"].Rows);
        Assert.True(float.IsNaN(cache.Load(a.Split, a.Id).Va![2 * 3]));
        Assert.Throws<KeyNotFoundException>(() => cache.Load("Train_Set", "nope"));
    }

    [Fact]
    public void Files_and_cache_json_follow_the_documented_layout()
    {
        using var dir = new TempFolder();
        var writer = FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header());
        writer.WriteVideo(CacheFixtures.Video("Train_Set", "v", 30, seed: 3));

        string video = dir.Combine("Train_Set", "v");
        Assert.Equal(["audio.npy", "audio.t.npy", "expr.npy", "frames.t.npy", "va.npy", "video.npy", "video.t.npy"],
            Directory.GetFiles(video).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([30, 2], NpyFile.ReadFloat32(Path.Combine(video, "va.npy")).Shape);
        Assert.Equal([30, 8], NpyFile.ReadFloat32(Path.Combine(video, "video.npy")).Shape);
        Assert.Equal([30], NpyFile.ReadInt64(Path.Combine(video, "expr.npy")).Shape);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.Combine("cache.json")));
        JsonElement root = json.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal(8, root.GetProperty("modalities")[0].GetProperty("featureSize").GetInt32());
        Assert.Equal(30.0, root.GetProperty("modalities")[0].GetProperty("rateHz").GetDouble());
        Assert.Equal("image-cnn", root.GetProperty("extractors")[0].GetProperty("name").GetString());
        JsonElement entry = root.GetProperty("videos")[0];
        Assert.Equal(30, entry.GetProperty("frameCount").GetInt32());
        Assert.Equal(2, entry.GetProperty("rows").GetProperty("audio").GetInt32());
    }

    [Fact]
    public void Resume_skips_finished_videos_and_clears_what_a_crash_left()
    {
        using var dir = new TempFolder();
        string[] ids = ["a", "b", "c"];
        var first = FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header());
        first.WriteVideo(CacheFixtures.Video("Train_Set", "a", 20, seed: 10));
        string finished = dir.Combine("Train_Set", "a", "video.npy");
        var finishedTime = File.GetLastWriteTimeUtc(finished);
        // A crash mid-write of b leaves its temp folder; a crash between rename and manifest leaves c unlisted.
        dir.WriteText(Path.Combine("Train_Set", ".tmp-b-1234", "video.npy"), "half");
        dir.WriteText(Path.Combine("Train_Set", "c", "video.npy"), "stale");

        var resumed = FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header());
        var written = new List<string>();
        foreach (string id in ids)
        {
            if (resumed.Contains("Train_Set", id))
                continue;
            resumed.WriteVideo(CacheFixtures.Video("Train_Set", id, 20, seed: id[0]));
            written.Add(id);
        }

        Assert.Equal(["b", "c"], written);
        Assert.False(Directory.Exists(dir.Combine("Train_Set", ".tmp-b-1234")));
        Assert.Equal(finishedTime, File.GetLastWriteTimeUtc(finished));
        var cache = FeatureCache.Open(dir.Path);
        Assert.Equal(ids, cache.Videos.Select(v => v.Id));
        Assert.Equal(CacheFixtures.Video("Train_Set", "c", 20, seed: 'c').Va, cache.Load("Train_Set", "c").Va);
        Assert.Empty(Directory.GetDirectories(dir.Combine("Train_Set"), ".tmp-*"));
    }

    [Fact]
    public void Resuming_with_another_task_or_extractor_is_refused_naming_cache_json()
    {
        using var dir = new TempFolder();
        FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header()).WriteVideo(CacheFixtures.Video("Train_Set", "a", 10, seed: 1));

        var task = Assert.Throws<InvalidOperationException>(() => FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header(FeatureCacheTask.Va)));
        Assert.Contains(dir.Combine("cache.json"), task.Message);
        Assert.Contains("task 'va+expr' there, 'va' here", task.Message);
        var other = CacheFixtures.Header() with { Extractors = [new ExtractorProvenance("image-cnn", new string('c', 64), "video")] };
        Assert.Contains("extractors", Assert.Throws<InvalidOperationException>(() => FeatureCacheWriter.Open(dir.Path, other)).Message);
        Assert.Single(FeatureCache.Open(dir.Path).Videos);
    }

    [Fact]
    public void Truncated_or_reshaped_files_are_named_when_loading()
    {
        using var dir = new TempFolder();
        var writer = FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header());
        writer.WriteVideo(CacheFixtures.Video("Train_Set", "a", 30, seed: 1));
        writer.WriteVideo(CacheFixtures.Video("Train_Set", "b", 30, seed: 2));
        writer.WriteVideo(CacheFixtures.Video("Train_Set", "c", 30, seed: 3));
        string truncated = dir.Combine("Train_Set", "a", "video.npy");
        byte[] bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        string reshaped = dir.Combine("Train_Set", "b", "audio.npy");
        NpyFile.Write(reshaped, new float[3 * 5], 3, 5);
        string missing = dir.Combine("Train_Set", "c", "expr.npy");
        File.Delete(missing);
        var cache = FeatureCache.Open(dir.Path);

        var e1 = Assert.Throws<DatasetFormatException>(() => cache.Load("Train_Set", "a"));
        Assert.Equal(truncated, e1.File);
        Assert.Contains("truncated", e1.Message);
        var e2 = Assert.Throws<DatasetFormatException>(() => cache.Load("Train_Set", "b"));
        Assert.Equal(reshaped, e2.File);
        Assert.Contains("shape (3, 5) disagrees with cache.json, which implies (2, 5)", e2.Message);
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => cache.Load("Train_Set", "c")).Message);
    }

    [Fact]
    public void Videos_that_disagree_with_the_manifest_are_refused_before_anything_is_written()
    {
        using var dir = new TempFolder();
        var writer = FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header());
        CachedVideo good = CacheFixtures.Video("Train_Set", "a", 30, seed: 1);
        var wrongDim = new Dictionary<string, FeatureSeries>(good.Features)
        {
            ["audio"] = new FeatureSeries(new float[12], 2, 6, [0, 1]),
        };
        long[] backwards = [.. good.FrameTimestampsMicros];
        backwards[5] = backwards[4];

        Assert.Contains("D=6, the cache says 5", Assert.Throws<ArgumentException>(() => writer.WriteVideo(Copy(good, features: wrongDim))).Message);
        Assert.Contains("ascend strictly", Assert.Throws<ArgumentException>(() => writer.WriteVideo(Copy(good, frames: backwards))).Message);
        Assert.Contains("needs expression labels", Assert.Throws<ArgumentException>(() => writer.WriteVideo(Copy(good, dropExpr: true))).Message);
        Assert.Contains("plain folder names", Assert.Throws<ArgumentException>(() => writer.WriteVideo(Copy(good, id: "../x"))).Message);
        Assert.Empty(FeatureCache.Open(dir.Path).Videos);
        Assert.False(Directory.Exists(dir.Combine("Train_Set", "a")));
    }

    [Fact]
    public void Parallel_writers_of_different_videos_all_land_in_cache_json()
    {
        using var dir = new TempFolder();
        var writer = FeatureCacheWriter.Open(dir.Path, CacheFixtures.Header());

        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => writer.WriteVideo(CacheFixtures.Video(i % 2 == 0 ? "Train_Set" : "Validation_Set", $"v{i:D2}", 15 + i, seed: i)));

        var cache = FeatureCache.Open(dir.Path);
        Assert.Equal(12, cache.Videos.Count);
        Assert.Equal(6, cache.VideosIn("Validation_Set").Count);
        Assert.Equal(15 + 7, cache.Load("Validation_Set", "v07").FrameCount);
        Assert.Equal(CacheFixtures.Video("Train_Set", "v10", 25, seed: 10).Features["video"].Data, cache.Load("Train_Set", "v10").Features["video"].Data);
    }

    [Fact]
    public void Damaged_manifest_is_named()
    {
        using var dir = new TempFolder();
        dir.WriteText("cache.json", "{ \"formatVersion\": 1, \"task\": \"va\", ");
        var e = Assert.Throws<DatasetFormatException>(() => FeatureCache.Open(dir.Path));
        Assert.Equal(dir.Combine("cache.json"), e.File);
        dir.WriteText("cache.json", "{ \"formatVersion\": 9, \"task\": \"va\", \"modalities\": [ { \"name\": \"video\", \"featureSize\": 4, \"rateHz\": 8 } ] }");
        Assert.Contains("format version 9", Assert.Throws<DatasetFormatException>(() => FeatureCache.Open(dir.Path)).Message);
        Assert.Contains(dir.Combine("nothing"), Assert.Throws<DirectoryNotFoundException>(() => FeatureCache.Open(dir.Combine("nothing"))).Message);
    }

    private static CachedVideo Copy(CachedVideo v, IReadOnlyDictionary<string, FeatureSeries>? features = null,
        long[]? frames = null, bool dropExpr = false, string? id = null) => new()
    {
        Split = v.Split,
        Id = id ?? v.Id,
        FrameTimestampsMicros = frames ?? v.FrameTimestampsMicros,
        Features = features ?? v.Features,
        Va = v.Va,
        Expr = dropExpr ? null : v.Expr,
        Violence = v.Violence,
    };
}
