namespace MultimodalFusion.Synthesis.Manifest;

/// <summary>Totals over a generated dataset.</summary>
/// <param name="Videos">Videos written.</param>
/// <param name="Train">Videos in the training split.</param>
/// <param name="Validation">Videos in the validation split.</param>
/// <param name="Frames">Frames over all videos.</param>
/// <param name="Segments">Segments over all videos.</param>
/// <param name="AmbiguousVideo">Segments whose video was made uninformative.</param>
/// <param name="AmbiguousAudio">Segments whose audio was made uninformative.</param>
/// <param name="AmbiguousText">Segments whose sentence was made uninformative.</param>
/// <param name="SegmentsPerLabel">Segments per label name.</param>
/// <param name="FramesPerLabel">Frames per label name.</param>
public sealed record SynthCounts(
    int Videos, int Train, int Validation, long Frames, int Segments,
    int AmbiguousVideo, int AmbiguousAudio, int AmbiguousText,
    IReadOnlyDictionary<string, int> SegmentsPerLabel, IReadOnlyDictionary<string, long> FramesPerLabel)
{
    /// <summary>Sums the per-video records.</summary>
    public static SynthCounts Of(IReadOnlyList<SynthVideo> videos, string trainSplit)
    {
        var segments = videos.SelectMany(v => v.Segments).ToList();
        var perLabel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var framesPerLabel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in segments)
        {
            perLabel[s.Label] = perLabel.GetValueOrDefault(s.Label) + 1;
            framesPerLabel[s.Label] = framesPerLabel.GetValueOrDefault(s.Label) + s.Frames;
        }
        int train = videos.Count(v => v.Split == trainSplit);
        return new SynthCounts(videos.Count, train, videos.Count - train, videos.Sum(v => (long)v.Frames), segments.Count,
            segments.Count(s => s.Ambiguous.Video is not null), segments.Count(s => s.Ambiguous.Audio is not null),
            segments.Count(s => s.Ambiguous.Text is not null), perLabel, framesPerLabel);
    }
}
