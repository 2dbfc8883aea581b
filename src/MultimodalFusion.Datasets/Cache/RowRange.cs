namespace MultimodalFusion.Datasets.Cache;

/// <summary>A run of consecutive rows of an ascending timestamp array: rows <c>First .. First + Count - 1</c>.</summary>
/// <param name="First">Index of the first row (the first timestamp >= the range's start).</param>
/// <param name="Count">Number of rows whose timestamps fall in the range (may be 0).</param>
public readonly record struct RowRange(int First, int Count)
{
    /// <summary>The rows of <paramref name="stamps"/> (ascending, microseconds) in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static RowRange Within(long[] stamps, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        int first = LowerBound(stamps, start);
        return new RowRange(first, LowerBound(stamps, end) - first);
    }

    /// <summary>Index of the first element >= <paramref name="value"/> (the length when there is none).</summary>
    public static int LowerBound(long[] stamps, long value)
    {
        int at = Array.BinarySearch(stamps, value);
        if (at < 0)
            return ~at;
        while (at > 0 && stamps[at - 1] == value)
            at--;
        return at;
    }
}
