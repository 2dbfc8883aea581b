namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// One stream's feature rows on the data-path clock, in stamp order, and their packing into a fusion window as the
/// trainer packs cached rows (<c>CacheWindowing.Fill</c>): the rows stamped in <c>[start, end)</c>, contiguous from
/// step 0, mask true for them, the rest absent.
/// </summary>
/// <remarks>
/// Rows are copied in and kept until <see cref="EvictBefore"/> drops them (windows arrive in start order, so a row
/// stamped before a window's start is never asked for again); evicted arrays are reused. A window with more rows than
/// steps keeps the first rows and counts the rest in <see cref="Truncated"/> (the trainer sizes its axis to the longest
/// window, so choose steps generously). Not thread-safe: one instance per stream.
/// </remarks>
public sealed class WindowRows
{
    private readonly List<(long Stamp, float[] Row)> _rows = [];
    private readonly Stack<float[]> _free = new();

    /// <summary>Rows of <paramref name="dimensions"/> values.</summary>
    public WindowRows(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Dimensions = dimensions;
    }

    /// <summary>Values per row.</summary>
    public int Dimensions { get; }

    /// <summary>Rows held now.</summary>
    public int Count => _rows.Count;

    /// <summary>The stamp of the latest row; <see cref="long.MinValue"/> when none is held.</summary>
    public long LastStamp => _rows.Count == 0 ? long.MinValue : _rows[^1].Stamp;

    /// <summary>Rows that did not fit a window's steps, over all windows.</summary>
    public long Truncated { get; private set; }

    /// <summary>Whether a row stamped <paramref name="stampMicros"/> is held.</summary>
    public bool Contains(long stampMicros) => IndexOf(stampMicros) >= 0;

    /// <summary>Appends a copy of <paramref name="row"/> stamped <paramref name="stampMicros"/>; a stamp not after the last row's throws.</summary>
    public void Add(ReadOnlySpan<float> row, long stampMicros)
    {
        if (row.Length != Dimensions)
            throw new ArgumentException($"A row has {row.Length} values, expected {Dimensions}.", nameof(row));
        if (_rows.Count > 0 && stampMicros <= _rows[^1].Stamp)
            throw new InvalidOperationException($"Row at {stampMicros} us does not follow the previous one at {_rows[^1].Stamp} us.");
        float[] copy = _free.Count > 0 ? _free.Pop() : new float[Dimensions];
        row.CopyTo(copy);
        _rows.Add((stampMicros, copy));
    }

    /// <summary>Drops the rows stamped before <paramref name="startMicros"/>.</summary>
    public void EvictBefore(long startMicros)
    {
        int drop = 0;
        while (drop < _rows.Count && _rows[drop].Stamp < startMicros)
            _free.Push(_rows[drop++].Row);
        _rows.RemoveRange(0, drop);
    }

    /// <summary>
    /// Writes the rows stamped in [<paramref name="startMicros"/>, <paramref name="endMicros"/>) from step 0 into
    /// <paramref name="sequence"/> (steps x <see cref="Dimensions"/>, cleared by the caller) and sets their
    /// <paramref name="mask"/> steps; returns how many were written.
    /// </summary>
    public int Pack(long startMicros, long endMicros, Span<float> sequence, Span<bool> mask)
    {
        int d = Dimensions, steps = mask.Length, written = 0;
        if (sequence.Length < steps * d)
            throw new ArgumentException($"{sequence.Length} values cannot hold {steps} steps of {d}.", nameof(sequence));
        foreach (var (stamp, row) in _rows)
        {
            if (stamp < startMicros)
                continue;
            if (stamp >= endMicros)
                break;
            if (written == steps)
            {
                Truncated++;
                continue;
            }
            row.CopyTo(sequence.Slice(written * d, d));
            mask[written++] = true;
        }
        return written;
    }

    private int IndexOf(long stampMicros)
    {
        for (int i = _rows.Count - 1; i >= 0; i--)
        {
            if (_rows[i].Stamp == stampMicros)
                return i;
            if (_rows[i].Stamp < stampMicros)
                break;
        }
        return -1;
    }
}
