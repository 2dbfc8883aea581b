namespace MultimodalFusion.Datasets.Cache;

/// <summary>One feature stream of the cache: its name (file stem), feature size and nominal rate.</summary>
/// <param name="Name">Modality name, e.g. <c>video</c>, <c>audio</c>, <c>text</c>; the files are <c>NAME.npy</c> and <c>NAME.t.npy</c>.</param>
/// <param name="FeatureSize">D, the second dimension of every <c>NAME.npy</c>.</param>
/// <param name="RateHz">Nominal feature rows per second (informational; the timestamps are authoritative).</param>
public sealed record CacheModality(string Name, int FeatureSize, double RateHz);
