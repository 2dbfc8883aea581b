using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Datasets.Tests.Cache;

/// <summary>The shared windowing: geometry, rows, labels, packing with padding and masks, step-to-frame map.</summary>
public sealed class CacheWindowingTests
{
    private static readonly CacheModality[] s_streams = [new("video", 3, 10), new("audio", 2, 4)];

    /// <summary>A video at 10 fps: video rows at the frames (values = frame index), audio rows at 4 Hz from 0.125 s (or none).</summary>
    private static CachedVideo Video(int frames, bool audio, int[]? violence = null, int[]? expr = null, float[]? va = null, int[]? videoRows = null)
    {
        long[] stamps = Enumerable.Range(0, frames).Select(i => i * 100_000L).ToArray();
        int[] rows = videoRows ?? Enumerable.Range(0, frames).ToArray();
        int audioRows = audio ? frames * 4 / 10 : 0;
        return new CachedVideo
        {
            Split = "train", Id = "v", FrameTimestampsMicros = stamps,
            Features = new Dictionary<string, FeatureSeries>
            {
                ["video"] = new(rows.SelectMany(i => new float[] { i, i, i }).ToArray(), rows.Length, 3, rows.Select(i => stamps[i]).ToArray()),
                ["audio"] = new(Enumerable.Range(0, audioRows * 2).Select(i => (float)i).ToArray(), audioRows, 2,
                    Enumerable.Range(0, audioRows).Select(i => 125_000L + i * 250_000L).ToArray()),
            },
            Violence = violence, Expr = expr, Va = va,
        };
    }

    [Fact]
    public void Windows_start_at_the_first_frame_every_hop_and_the_last_runs_past_the_end()
    {
        // 30 frames span 2.9 s: W = 2 s, H = 1 s -> ceil(0.9 / 1) + 1 = 2 windows; 15 frames (1.4 s) -> 1 window.
        var options = new CacheWindowOptions { Task = "violence", Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(1) };
        var windows = CacheWindowing.Cut(Video(30, audio: true, violence: new int[30]), s_streams, options);
        Assert.Equal([(0L, 2_000_000L), (1_000_000L, 3_000_000L)], windows.Select(w => (w.StartMicros, w.EndMicros)));
        Assert.Equal([new RowRange(0, 20), new RowRange(10, 20)], windows.Select(w => w.Frames));
        Assert.Equal([new RowRange(0, 20), new RowRange(10, 20)], windows.Select(w => w.Rows[0]));
        // Audio rows at 0.125 + 0.25 k s: [0, 2) holds k = 0..7, [1, 3) holds k = 4..11 (12 rows exist).
        Assert.Equal([new RowRange(0, 8), new RowRange(4, 8)], windows.Select(w => w.Rows[1]));
        Assert.Equal(2_000_000L, windows[1].CentreMicros);
        Assert.Single(CacheWindowing.Cut(Video(15, audio: false, violence: new int[15]), s_streams, options));
        Assert.Empty(CacheWindowing.Cut(Video(0, audio: false, violence: []), s_streams, options));
    }

    [Theory]
    [InlineData(ViolenceLabelRule.Any, 1)]
    [InlineData(ViolenceLabelRule.Majority, 0)]
    public void Violence_labels_follow_the_rule_and_unlabelled_windows_are_kept_by_cut_but_not_by_cut_labelled(ViolenceLabelRule rule, long first)
    {
        int[] labels = Enumerable.Range(0, 30).Select(i => i < 10 ? 0 : i < 15 ? -1 : 1).ToArray();
        var options = new CacheWindowOptions { Task = "violence", Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(1), ViolenceRule = rule };
        var windows = CacheWindowing.Cut(Video(30, audio: true, violence: labels), s_streams, options);
        // Window 0: 10 calm, 5 unannotated, 5 violent frames -> any = 1, majority (5 of 15) = 0.
        Assert.Equal([first, 1L], windows.Select(w => w.Label));
        var unlabelled = Video(20, audio: true, violence: Enumerable.Repeat(-1, 20).ToArray());
        Assert.False(Assert.Single(CacheWindowing.Cut(unlabelled, s_streams, options)).IsLabelled);
        Assert.Equal(2, CacheWindowing.CutLabelled([unlabelled, Video(30, audio: true, violence: labels)], s_streams, options).Count);
    }

    [Fact]
    public void Packing_pads_to_the_longest_window_masks_padding_and_marks_a_stream_without_rows_absent()
    {
        var options = new CacheWindowOptions { Task = "violence", Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(1) };
        int[] labels = Enumerable.Range(0, 30).Select(i => i < 10 ? 0 : i < 15 ? -1 : 1).ToArray();
        var windows = CacheWindowing.CutLabelled([Video(30, audio: true, violence: labels), Video(15, audio: false, violence: new int[15])], s_streams, options);
        PackedStream video = CacheWindowing.Pack(windows, 0);
        Assert.Equal(("video", 3, 20, 3), (video.Name, video.Windows, video.Steps, video.Dim));
        Assert.Equal(10f, video.Values[1 * 20 * 3]);                     // window 2 starts at frame 10
        Assert.Equal(14f, video.Values[(2 * 20 + 14) * 3]);              // the short video's last row
        Assert.Equal(0f, video.Values[(2 * 20 + 15) * 3]);               // then zero padding
        Assert.Equal([20, 20, 15], Enumerable.Range(0, 3).Select(i => video.Mask.Skip(i * 20).Take(20).Count(p => p)));
        PackedStream audio = CacheWindowing.Pack(windows, 1);
        Assert.Equal(8, audio.Steps);
        Assert.Equal(0, audio.Mask.Skip(16).Count(p => p));              // no audio in the short video: absent
        Assert.Equal(8f, audio.Values[8 * 2]);                           // window 2's first audio row is row 4 (values 8, 9)

        long[] targets = CacheWindowing.FrameTargets(windows, "violence", video.Steps);
        Assert.Equal(Enumerable.Repeat(0L, 10).Concat(Enumerable.Repeat(-1L, 5)).Concat(Enumerable.Repeat(1L, 5)), targets.Take(20));
        Assert.Equal(Enumerable.Repeat(0L, 15).Concat(Enumerable.Repeat(-1L, 5)), targets.Skip(40));

        var tooSmall = Assert.Throws<ArgumentException>(() => CacheWindowing.Fill(windows[0], 0, new float[10 * 3], new bool[10]));
        Assert.Contains("'video'", tooSmall.Message);
    }

    [Fact]
    public void Steps_map_to_the_latest_frame_at_or_before_them_inside_the_window()
    {
        // Video rows only at even frames (a face found every other frame): step s -> frame 2 s.
        var video = Video(12, audio: false, violence: new int[12], videoRows: [0, 2, 4, 6, 8, 10]);
        var options = new CacheWindowOptions { Task = "violence", Window = TimeSpan.FromSeconds(0.5), Hop = TimeSpan.FromSeconds(0.5) };
        var windows = CacheWindowing.Cut(video, s_streams, options);
        Assert.Equal(3, windows.Count);
        var frames = new int[4];
        CacheWindowing.BaseStepFrames(windows[1], frames);                 // [0.5, 1.0): rows at frames 6, 8
        Assert.Equal([6, 8, -1, -1], frames);
        Assert.Equal(new RowRange(5, 5), windows[1].Frames);
    }

    [Fact]
    public void Frame_va_follows_the_base_steps_with_nan_where_unlabelled_or_padded()
    {
        // Video rows at even frames; frame f has valence f / 10 and arousal -f / 10, frame 4's arousal unannotated.
        var va = Enumerable.Range(0, 12).SelectMany(f => new[] { f / 10f, f == 4 ? float.NaN : -f / 10f }).ToArray();
        var video = Video(12, audio: false, va: va, videoRows: [0, 2, 4, 6, 8, 10]);
        var options = new CacheWindowOptions { Task = "va", Window = TimeSpan.FromSeconds(0.5), Hop = TimeSpan.FromSeconds(0.5) };
        var windows = CacheWindowing.Cut(video, s_streams, options);
        float[] targets = CacheWindowing.FrameVa(windows, 4);

        Assert.Equal(3 * 4 * 2, targets.Length);
        // Window 0 [0, 0.5): steps at frames 0, 2, 4 (arousal missing: both NaN), padding.
        Assert.Equal([0f, 0f, 0.2f, -0.2f], targets[..4]);
        Assert.All(targets[4..8], v => Assert.True(float.IsNaN(v)));
        // Window 1 [0.5, 1.0): frames 6 and 8, then padding.
        Assert.Equal([0.6f, -0.6f, 0.8f, -0.8f], targets[8..12]);
        Assert.All(targets[12..16], v => Assert.True(float.IsNaN(v)));
        var noVa = Assert.Throws<ArgumentException>(() => CacheWindowing.FrameVa(CacheWindowing.Cut(Video(5, audio: false, violence: new int[5]), s_streams,
            new CacheWindowOptions { Task = "violence" }), 4));
        Assert.Contains("no VA labels", noVa.Message);
    }

    [Fact]
    public void Va_is_the_mean_of_annotated_frames_expr_the_majority_with_ties_to_the_smaller_class()
    {
        var va = new float[50];
        for (int i = 0; i < 25; i++)
        {
            va[2 * i] = i < 5 ? float.NaN : 0.5f;
            va[2 * i + 1] = i < 5 ? float.NaN : i < 20 ? -0.2f : 0.8f;
        }
        int[] expr = Enumerable.Range(0, 25).Select(i => i < 8 ? 3 : i < 12 ? -1 : 5).ToArray();
        var video = Video(25, audio: true, expr: expr, va: va);
        var streams = CacheWindowing.Streams(s_streams, ["audio", "video"]);
        Assert.Equal(["audio", "video"], streams.Select(s => s.Name));

        var regression = CacheWindowing.Cut(video, streams, new CacheWindowOptions { Task = "va" });
        Assert.Equal(2, regression.Count);
        Assert.Equal([0.5f, -0.2f], regression[0].Va!);
        Assert.Equal((15 * -0.2f + 5 * 0.8f) / 20, regression[1].Va![1], 5);
        Assert.Null(regression[0].Label);

        var classes = CacheWindowing.Cut(video, s_streams, new CacheWindowOptions { Task = "expr" });
        Assert.Equal([3L, 5L], classes.Select(w => w.Label));
        var noVa = Assert.Throws<ArgumentException>(() => CacheWindowing.Cut(Video(5, audio: false, violence: new int[5]), s_streams, new CacheWindowOptions { Task = "va" }));
        Assert.Contains("no VA labels", noVa.Message);
        var badStream = Assert.Throws<ArgumentException>(() => CacheWindowing.Streams(s_streams, ["text"]));
        Assert.Contains("'text'", badStream.Message);
    }
}
