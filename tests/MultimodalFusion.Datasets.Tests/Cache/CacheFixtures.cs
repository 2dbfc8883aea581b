using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Datasets.Tests.Cache;

/// <summary>Headers and random videos for the cache tests.</summary>
internal static class CacheFixtures
{
    public static FeatureCacheManifest Header(string task = FeatureCacheTask.VaExpr) => new()
    {
        Task = task,
        Modalities = [new CacheModality("video", 8, 30.0), new CacheModality("audio", 5, 2.0)],
        Extractors = [new ExtractorProvenance("image-cnn", new string('a', 64), "video"), new ExtractorProvenance("audio-mel", new string('b', 64), "audio")],
        SourceDataset = "/data/affwild2",
        Splits = ["Train_Set", "Validation_Set"],
    };

    /// <summary>A video of <paramref name="frames"/> frames at 30 fps with random features and labels (some ignored).</summary>
    public static CachedVideo Video(string split, string id, int frames, int seed, int audioRows = -1)
    {
        var random = new Random(seed);
        audioRows = audioRows < 0 ? frames / 15 : audioRows;
        var va = new float[frames * 2];
        var expr = new int[frames];
        for (int i = 0; i < frames; i++)
        {
            bool ignored = i % 11 == 3;
            va[2 * i] = ignored ? float.NaN : (float)(random.NextDouble() * 2 - 1);
            va[2 * i + 1] = ignored ? float.NaN : (float)(random.NextDouble() * 2 - 1);
            expr[i] = ignored ? -1 : random.Next(8);
        }
        return new CachedVideo
        {
            Split = split,
            Id = id,
            FrameTimestampsMicros = Times(frames, 33_333),
            Features = new Dictionary<string, FeatureSeries>
            {
                ["video"] = Series(random, frames, 8, 33_333),
                ["audio"] = Series(random, audioRows, 5, 500_000),
            },
            Va = va,
            Expr = expr,
        };
    }

    private static FeatureSeries Series(Random random, int rows, int dim, long stepMicros)
    {
        var data = new float[rows * dim];
        for (int i = 0; i < data.Length; i++)
            data[i] = (float)random.NextDouble() - 0.5f;
        return new FeatureSeries(data, rows, dim, Times(rows, stepMicros));
    }

    private static long[] Times(int n, long step)
    {
        var t = new long[n];
        for (int i = 0; i < n; i++)
            t[i] = i * step;
        return t;
    }
}
