namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// The one windowing of cached videos, shared by the trainer (<c>FeatureCacheWindows</c>) and <c>mmf eval</c>: windows of
/// length W every H from each video's first labelled frame; per stream the rows stamped in [start, start + W); window
/// labels; packing into padded, masked arrays; the base stream's step-to-frame map behind per-frame targets and outputs.
/// </summary>
/// <remarks>
/// <para>Geometry: a video whose labelled frames span S = last - first gets 1 window when S &lt; W, else
/// ceil((S - W) / H) + 1, so every labelled frame is covered and the last window may run past the end.</para>
/// <para>Labels from the labelled frames in the window: VA = mean of the frames where both values are annotated;
/// EXPR = the most frequent annotated class (ties: the smaller index); violence = any / at least half
/// (<see cref="ViolenceLabelRule"/>). A window with no annotated frame has no label (the trainer skips it, eval keeps it).</para>
/// <para>Step to frame: base-stream step s maps to the latest labelled frame at or before its timestamp when that frame
/// lies inside the window, else to none (-1); padded steps map to none. Per-frame targets are that frame's label.</para>
/// Stateless and thread-safe; nothing is copied until <see cref="Pack"/> or <see cref="Fill"/>.
/// </remarks>
public static class CacheWindowing
{
    /// <summary>The streams named by <paramref name="names"/> (null: every cached one, in cache order), checked against the cache.</summary>
    public static IReadOnlyList<CacheModality> Streams(IReadOnlyList<CacheModality> cached, IReadOnlyList<string>? names)
    {
        ArgumentNullException.ThrowIfNull(cached);
        if (names is { Count: 0 })
            throw new ArgumentException("The window streams must name at least one modality (or be null for all).");
        return (names ?? cached.Select(m => m.Name).ToList()).Select(n => cached.FirstOrDefault(m => m.Name == n)
            ?? throw new ArgumentException($"Modality '{n}' is not in the feature cache (it has {string.Join(", ", cached.Select(c => c.Name))}).")).ToList();
    }

    /// <summary>Every window of <paramref name="video"/>, labelled or not, in time order.</summary>
    public static IReadOnlyList<CacheWindow> Cut(CachedVideo video, IReadOnlyList<CacheModality> streams, CacheWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        long[] frames = video.FrameTimestampsMicros;
        var windows = new List<CacheWindow>();
        if (frames.Length == 0)
            return windows;
        long window = options.Window.Ticks / 10, hop = options.Hop.Ticks / 10;
        long span = frames[^1] - frames[0];
        long count = span < window ? 1 : (span - window + hop - 1) / hop + 1;
        for (long i = 0; i < count; i++)
        {
            long start = frames[0] + i * hop, end = start + window;
            RowRange labelled = RowRange.Within(frames, start, end);
            var (label, va) = Label(video, options, labelled);
            var rows = streams.Select(s => RowRange.Within(Series(video, s.Name).TimestampsMicros, start, end)).ToArray();
            windows.Add(new CacheWindow(video, streams, start, end, labelled, rows, label, va));
        }
        return windows;
    }

    /// <summary>The labelled windows of every video, in video then time order (the trainer's set).</summary>
    public static List<CacheWindow> CutLabelled(IEnumerable<CachedVideo> videos, IReadOnlyList<CacheModality> streams, CacheWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(videos);
        return videos.SelectMany(v => Cut(v, streams, options)).Where(w => w.IsLabelled).ToList();
    }

    /// <summary>The longest row count of stream <paramref name="stream"/> over <paramref name="windows"/>, at least 1.</summary>
    public static int Steps(IReadOnlyList<CacheWindow> windows, int stream) =>
        Math.Max(1, windows.Count == 0 ? 0 : windows.Max(w => w.Rows[stream].Count));

    /// <summary>Stream <paramref name="stream"/> of <paramref name="windows"/> packed to <paramref name="steps"/> steps (null: <see cref="Steps"/>).</summary>
    public static PackedStream Pack(IReadOnlyList<CacheWindow> windows, int stream, int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
            throw new ArgumentException("No windows to pack.", nameof(windows));
        CacheModality spec = windows[0].Streams[stream];
        int t = steps ?? Steps(windows, stream), dim = spec.FeatureSize;
        var values = new float[windows.Count * t * dim];
        var mask = new bool[windows.Count * t];
        for (int i = 0; i < windows.Count; i++)
            Fill(windows[i], stream, values.AsSpan(i * t * dim, t * dim), mask.AsSpan(i * t, t));
        return new PackedStream(spec.Name, values, mask, windows.Count, t, dim);
    }

    /// <summary>
    /// Writes the window's rows of stream <paramref name="stream"/> from step 0 into <paramref name="values"/> (steps x dim)
    /// and true into <paramref name="mask"/> (steps) for them; the rest of both is cleared. Throws when the rows do not fit.
    /// </summary>
    public static void Fill(CacheWindow window, int stream, Span<float> values, Span<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(window);
        CacheModality spec = window.Streams[stream];
        RowRange rows = window.Rows[stream];
        int dim = spec.FeatureSize;
        if (values.Length != mask.Length * dim || rows.Count > mask.Length)
        {
            throw new ArgumentException($"Stream '{spec.Name}': {rows.Count} rows of {dim} do not fit {mask.Length} steps " +
                $"and {values.Length} values.");
        }
        values.Clear();
        mask.Clear();
        Series(window.Video, spec.Name).Data.AsSpan(rows.First * dim, rows.Count * dim).CopyTo(values);
        mask[..rows.Count].Fill(true);
    }

    /// <summary>Per base-stream step of <paramref name="window"/> (length = steps), the labelled frame it maps to, or -1.</summary>
    public static void BaseStepFrames(CacheWindow window, Span<int> frames)
    {
        ArgumentNullException.ThrowIfNull(window);
        frames.Fill(-1);
        long[] frameStamps = window.Video.FrameTimestampsMicros;
        RowRange rows = window.Rows[0];
        long[] stamps = Series(window.Video, window.Streams[0].Name).TimestampsMicros;
        int count = Math.Min(rows.Count, frames.Length);
        for (int s = 0; s < count; s++)
        {
            int at = Array.BinarySearch(frameStamps, stamps[rows.First + s]);
            int frame = at >= 0 ? at : ~at - 1; // the latest labelled frame at or before the step
            if (frame >= 0 && window.Contains(frameStamps[frame]))
                frames[s] = frame;
        }
    }

    /// <summary>Per-frame class targets [windows, steps] over the base stream (-1: no frame, unannotated, padding).</summary>
    public static long[] FrameTargets(IReadOnlyList<CacheWindow> windows, string task, int steps)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var targets = new long[windows.Count * steps];
        var frames = new int[steps];
        for (int i = 0; i < windows.Count; i++)
        {
            CachedVideo video = windows[i].Video;
            int[] labels = (task == FeatureCacheTask.Expr ? video.Expr : task == FeatureCacheTask.Violence ? video.Violence : null)
                ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no {task} class labels for per-frame targets.");
            BaseStepFrames(windows[i], frames);
            for (int s = 0; s < steps; s++)
                targets[i * steps + s] = frames[s] >= 0 ? labels[frames[s]] : -1;
        }
        return targets;
    }

    /// <summary>
    /// Per-frame VA targets [windows, steps, 2] over the base stream: the valence and arousal of the frame each step maps
    /// to (<see cref="BaseStepFrames"/>); NaN for both where there is no frame, either value is unannotated, or on padding.
    /// </summary>
    public static float[] FrameVa(IReadOnlyList<CacheWindow> windows, int steps)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var targets = new float[windows.Count * steps * 2];
        Array.Fill(targets, float.NaN);
        var frames = new int[steps];
        for (int i = 0; i < windows.Count; i++)
        {
            CachedVideo video = windows[i].Video;
            float[] va = video.Va ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no VA labels for per-frame targets.");
            BaseStepFrames(windows[i], frames);
            for (int s = 0; s < steps; s++)
            {
                int f = frames[s];
                if (f < 0 || float.IsNaN(va[2 * f]) || float.IsNaN(va[2 * f + 1]))
                    continue;
                targets[(i * steps + s) * 2] = va[2 * f];
                targets[(i * steps + s) * 2 + 1] = va[2 * f + 1];
            }
        }
        return targets;
    }

    private static FeatureSeries Series(CachedVideo video, string name) =>
        video.Features.TryGetValue(name, out var series) ? series
            : throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no '{name}' features.");

    private static (long? Label, float[]? Va) Label(CachedVideo video, CacheWindowOptions options, RowRange frames)
    {
        switch (options.Task)
        {
            case FeatureCacheTask.Va:
            {
                var va = video.Va ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no VA labels.");
                double v = 0, a = 0;
                int valid = 0;
                for (int f = frames.First; f < frames.First + frames.Count; f++)
                {
                    if (float.IsNaN(va[2 * f]) || float.IsNaN(va[2 * f + 1]))
                        continue;
                    (v, a, valid) = (v + va[2 * f], a + va[2 * f + 1], valid + 1);
                }
                return valid == 0 ? (null, null) : (null, [(float)(v / valid), (float)(a / valid)]);
            }
            case FeatureCacheTask.Expr:
            {
                var expr = video.Expr ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no expression labels.");
                var votes = new int[8];
                foreach (int c in expr.AsSpan(frames.First, frames.Count))
                {
                    if (c >= 0)
                        votes[c]++;
                }
                return votes.Sum() == 0 ? (null, null) : (Array.IndexOf(votes, votes.Max()), null);
            }
            default:
            {
                var violence = video.Violence ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no violence labels.");
                int violent = 0, valid = 0;
                foreach (int c in violence.AsSpan(frames.First, frames.Count))
                {
                    if (c >= 0)
                        (violent, valid) = (violent + c, valid + 1);
                }
                if (valid == 0)
                    return (null, null);
                bool label = options.ViolenceRule == ViolenceLabelRule.Any ? violent > 0 : 2 * violent >= valid;
                return (label ? 1 : 0, null);
            }
        }
    }
}
