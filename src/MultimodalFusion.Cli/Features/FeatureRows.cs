using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Cli.Features;

/// <summary>Collects one modality's feature rows of one video and turns them into a <see cref="FeatureSeries"/>.</summary>
/// <remarks>Rows are copied in; timestamps must ascend strictly (the cache requires it), checked per row. Not thread-safe.</remarks>
public sealed class FeatureRows
{
    private readonly List<float> _data = [];
    private readonly List<long> _timestamps = [];

    /// <summary>Rows of <paramref name="dim"/> values for modality <paramref name="modality"/> (named in errors).</summary>
    public FeatureRows(string modality, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        Modality = modality;
        Dim = dim;
    }

    /// <summary>The modality name.</summary>
    public string Modality { get; }

    /// <summary>Values per row.</summary>
    public int Dim { get; }

    /// <summary>Rows added so far.</summary>
    public int Count => _timestamps.Count;

    /// <summary>Appends a copy of <paramref name="row"/> stamped <paramref name="micros"/> (after every earlier row).</summary>
    public void Add(ReadOnlySpan<float> row, long micros)
    {
        if (row.Length != Dim)
            throw new ArgumentException($"modality '{Modality}': a row has {row.Length} values, expected {Dim}.", nameof(row));
        if (_timestamps.Count > 0 && micros <= _timestamps[^1])
            throw new InvalidOperationException($"modality '{Modality}': row at {micros} us does not follow the previous one at {_timestamps[^1]} us.");
        foreach (float v in row)
            _data.Add(v);
        _timestamps.Add(micros);
    }

    /// <summary>The rows as a series owned by the caller.</summary>
    public FeatureSeries ToSeries() => new([.. _data], Count, Dim, [.. _timestamps]);
}
