using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Inference.Face;

namespace MultimodalFusion.Cli.Features;

/// <summary>Computes everything the cache holds for one dataset video: labels, frame times and every modality's rows.</summary>
/// <remarks>
/// Label timeline: T = the annotation's frame count (Aff-Wild2: the longer of the VA and EXPR files, the shorter
/// padded as ignored; DVD: the last labelled frame number), frame i at <c>round(i * 1e6 / fps)</c> us, fps from the
/// video file (or <see cref="FeatureCacheOptions.FallbackFps"/> without one). Feature rows cover every frame that
/// exists, which may run past T. Video rows: the cropped-aligned face image when the dataset has them, else the
/// runtime's face crop of the video frame (emotion; frames without a face give no row, as at run time), or the whole
/// frame (violence). Clip rows come from the video file (the frames the runtime sees), else the frame folder.
/// A missing WAV or SRT leaves that modality with 0 rows. Not thread-safe (the extractors are not).
/// </remarks>
public sealed class VideoFeatureExtraction(ExtractorSet extractors, FeatureCacheOptions options, string task, ILogger logger)
{
    private readonly BufferPool<byte> _pool = new();

    /// <summary>The frame rate used for <paramref name="video"/>.</summary>
    public double FpsOf(DatasetVideo video) =>
        video.VideoPath is { } path ? FrameReader.ProbeFps(path) ?? options.FallbackFps : options.FallbackFps;

    /// <summary>Reads, extracts and labels <paramref name="video"/>; errors name the file that failed.</summary>
    public async Task<CachedVideo> ExtractAsync(DatasetVideo video, CancellationToken cancellationToken)
    {
        double fps = FpsOf(video);
        var features = new Dictionary<string, FeatureSeries>
        {
            [ExtractorSet.Video] = ImageRows(video, fps, cancellationToken).ToSeries(),
        };
        if (extractors.ClipExtractor is { } clip)
            features[ExtractorSet.Clip] = ClipRows(video, clip, fps, cancellationToken).ToSeries();
        if (extractors.AudioEncoder is { } audio)
        {
            features[ExtractorSet.Audio] = video.AudioPath is { } wav
                ? (await AudioRows.ComputeAsync(wav, audio, extractors.AudioHop, logger, cancellationToken).ConfigureAwait(false)).ToSeries()
                : Empty(ExtractorSet.Audio, audio.FeatureLength, video, "audio/*.wav");
        }
        features[ExtractorSet.Text] = video.TranscriptPath is { } srt
            ? TextRows.Compute(srt, extractors.TextEncoder).ToSeries()
            : Empty(ExtractorSet.Text, Inference.Text.MiniLmTextEncoder.Dimensions, video, "transcripts/*.srt");
        return Labelled(video, fps, features);
    }

    private FeatureRows ImageRows(DatasetVideo video, double fps, CancellationToken cancellationToken)
    {
        var rows = new FeatureRows(ExtractorSet.Video, extractors.Image.FeatureLength);
        FaceCropper? faces = video.FaceCrop ? extractors.FaceCropper() : null;
        IEnumerable<VideoFrame> frames = video.FramesDirectory is { } folder && !video.FaceCrop
            ? FrameReader.FromFolder(folder, fps, _pool)
            : FrameReader.FromVideo(video.VideoPath ?? throw NoFrames(video), fps, _pool);
        foreach (VideoFrame frame in frames)
        {
            using (frame)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (faces is null)
                    rows.Add(extractors.Image.Extract(frame), frame.StartMicros);
                else if (faces.Crop(frame) is { } crop)
                    rows.Add(extractors.Image.Extract(frame, crop), frame.StartMicros);
            }
        }
        return rows;
    }

    private FeatureRows ClipRows(DatasetVideo video, Inference.Extractors.ClipExtractor clip, double fps, CancellationToken cancellationToken)
    {
        using var clips = new ClipRows(clip, extractors.ClipWindow, options.ClipHop);
        IEnumerable<VideoFrame> frames = video.VideoPath is { } path ? FrameReader.FromVideo(path, fps, _pool)
            : FrameReader.FromFolder(video.FramesDirectory ?? throw NoFrames(video), fps, _pool);
        int count = 0;
        foreach (VideoFrame frame in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            count = (int)frame.Sequence + 1;
            clips.Add(frame);
        }
        clips.Finish(CacheLabels.FrameTimestamp(count, fps));
        return clips.Rows;
    }

    private CachedVideo Labelled(DatasetVideo video, double fps, Dictionary<string, FeatureSeries> features)
    {
        if (video.DvdLabelPath is { } csv)
        {
            DvdLabels labels = DvdLabelFile.Read(csv);
            int frames = labels.Count == 0 ? 0 : labels.FrameNumbers.Max();
            return New(video, CacheLabels.FrameTimestamps(frames, fps), features,
                violence: FeatureCacheTask.NeedsViolence(task) ? CacheLabels.FromDvd(labels, frames) : null);
        }
        VaAnnotation? va = video.VaPath is { } vaPath ? VaFile.Read(vaPath) : null;
        ExprAnnotation? expr = video.ExprPath is { } exprPath ? ExprFile.Read(exprPath) : null;
        int t = Math.Max(va?.FrameCount ?? 0, expr?.FrameCount ?? 0);
        float[]? vaLabels = null;
        int[]? exprLabels = null;
        if (FeatureCacheTask.NeedsVa(task))
        {
            vaLabels = CacheLabels.IgnoredVa(t);
            if (va is not null)
                CacheLabels.FromVa(va).CopyTo(vaLabels, 0);
        }
        if (FeatureCacheTask.NeedsExpr(task))
        {
            exprLabels = CacheLabels.IgnoredClasses(t);
            if (expr is not null)
                CacheLabels.FromExpr(expr).CopyTo(exprLabels, 0);
        }
        return New(video, CacheLabels.FrameTimestamps(t, fps), features, vaLabels, exprLabels);
    }

    private static CachedVideo New(DatasetVideo video, long[] frames, Dictionary<string, FeatureSeries> features,
        float[]? va = null, int[]? expr = null, int[]? violence = null) => new()
    {
        Split = video.Split,
        Id = video.Id,
        FrameTimestampsMicros = frames,
        Features = features,
        Va = va,
        Expr = expr,
        Violence = violence,
    };

    private FeatureSeries Empty(string modality, int dim, DatasetVideo video, string expected)
    {
        logger.LogWarning("{Video}: no {Expected} beside the dataset; modality {Modality} has no rows", video.Key, expected, modality);
        return new FeatureSeries([], 0, dim, []);
    }

    private static FileNotFoundException NoFrames(DatasetVideo video) =>
        new($"{video.Key}: no frames to read: neither a frame folder nor a video file was found for it.");
}
