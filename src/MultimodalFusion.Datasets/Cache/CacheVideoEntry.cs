namespace MultimodalFusion.Datasets.Cache;

/// <summary>One finished video in <c>cache.json</c>: where it is and how many rows each file holds.</summary>
/// <param name="Split">Split name; the files are in <c>CACHE/SPLIT/ID/</c>.</param>
/// <param name="Id">Video id (an annotation name for Aff-Wild2, a video name for DVD).</param>
/// <param name="FrameCount">T: labelled frames, the length of <c>frames.t.npy</c> and of each label array.</param>
/// <param name="Rows">Feature rows per modality name (rows of <c>NAME.npy</c>).</param>
public sealed record CacheVideoEntry(string Split, string Id, int FrameCount, IReadOnlyDictionary<string, int> Rows);
