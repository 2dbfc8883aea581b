namespace MultimodalFusion.Cli.Eval;

/// <summary>
/// Maps a video's window outputs and per-frame outputs back to every one of its labelled frames, so that a challenge
/// prediction file can cover every frame.
/// </summary>
/// <remarks>
/// The rule, per frame f (timestamp t_f), first that applies:
/// <list type="number">
/// <item>Per-frame outputs (a classification model's <c>{name}_frames</c> head): the mean of the probabilities of every
/// (window, base-stream step) that maps to f (<c>CacheWindowing.BaseStepFrames</c>: the step's latest frame at or before it).</item>
/// <item>Window outputs: the mean over the windows whose [start, end) contains t_f (VA values or class probabilities).</item>
/// <item>The window whose centre is nearest to t_f (ties: the earlier window), for frames no window covers.</item>
/// </list>
/// Values are <see cref="Width"/> floats per frame. Not thread-safe; one instance per video.
/// </remarks>
public sealed class FramePredictions
{
    private readonly long[] _frameMicros;
    private readonly double[] _frameSums;
    private readonly int[] _frameCounts;
    private readonly List<(long Start, long End, float[] Values)> _windows = [];

    /// <summary>Creates the accumulator for frames stamped <paramref name="frameMicros"/> (ascending) and <paramref name="width"/> values each.</summary>
    public FramePredictions(long[] frameMicros, int width)
    {
        ArgumentNullException.ThrowIfNull(frameMicros);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        _frameMicros = frameMicros;
        Width = width;
        _frameSums = new double[frameMicros.Length * width];
        _frameCounts = new int[frameMicros.Length];
    }

    /// <summary>Values per frame (2 for VA, k class probabilities).</summary>
    public int Width { get; }

    /// <summary>Number of frames.</summary>
    public int FrameCount => _frameMicros.Length;

    /// <summary>Adds a window's output over [<paramref name="startMicros"/>, <paramref name="endMicros"/>) (copied).</summary>
    public void AddWindow(long startMicros, long endMicros, ReadOnlySpan<float> values)
    {
        RequireWidth(values);
        _windows.Add((startMicros, endMicros, values.ToArray()));
    }

    /// <summary>Adds one per-frame output for frame <paramref name="frame"/> (0-based).</summary>
    public void AddFrame(int frame, ReadOnlySpan<float> values)
    {
        RequireWidth(values);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)frame, (uint)FrameCount, nameof(frame));
        for (int k = 0; k < Width; k++)
            _frameSums[frame * Width + k] += values[k];
        _frameCounts[frame]++;
    }

    /// <summary>The value per frame, <see cref="FrameCount"/> x <see cref="Width"/> row-major, by the rule above.</summary>
    public float[] Resolve()
    {
        if (_windows.Count == 0 && _frameCounts.All(c => c == 0))
            throw new InvalidOperationException("No window or frame output to map onto the frames.");
        var result = new float[FrameCount * Width];
        var sums = new double[Width];
        for (int f = 0; f < FrameCount; f++)
        {
            Span<float> row = result.AsSpan(f * Width, Width);
            if (_frameCounts[f] > 0)
            {
                for (int k = 0; k < Width; k++)
                    row[k] = (float)(_frameSums[f * Width + k] / _frameCounts[f]);
                continue;
            }
            long t = _frameMicros[f];
            Array.Clear(sums);
            int covering = 0;
            foreach (var (start, end, values) in _windows)
            {
                if (t < start || t >= end)
                    continue;
                covering++;
                for (int k = 0; k < Width; k++)
                    sums[k] += values[k];
            }
            if (covering > 0)
            {
                for (int k = 0; k < Width; k++)
                    row[k] = (float)(sums[k] / covering);
                continue;
            }
            Nearest(t).AsSpan().CopyTo(row);
        }
        return result;
    }

    /// <summary>The index of the largest of each frame's values (ties: the smaller index).</summary>
    public static int[] ArgMax(float[] values, int width)
    {
        var classes = new int[values.Length / width];
        for (int f = 0; f < classes.Length; f++)
        {
            int best = 0;
            for (int k = 1; k < width; k++)
            {
                if (values[f * width + k] > values[f * width + best])
                    best = k;
            }
            classes[f] = best;
        }
        return classes;
    }

    private float[] Nearest(long t)
    {
        if (_windows.Count == 0)
            throw new InvalidOperationException($"Frame at {t} us has no per-frame output and there are no window outputs.");
        var best = _windows[0];
        foreach (var window in _windows)
        {
            if (Math.Abs(Centre(window.Start, window.End) - t) < Math.Abs(Centre(best.Start, best.End) - t))
                best = window;
        }
        return best.Values;
    }

    private static long Centre(long start, long end) => start + (end - start) / 2;

    private void RequireWidth(ReadOnlySpan<float> values)
    {
        if (values.Length != Width)
            throw new ArgumentException($"Expected {Width} values per output; got {values.Length}.", nameof(values));
    }
}
