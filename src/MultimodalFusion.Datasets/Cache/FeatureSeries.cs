namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// The features of one modality of one video: <see cref="Rows"/> x <see cref="Dim"/> float32 values in row-major
/// order, row r stamped <see cref="TimestampsMicros"/>[r].
/// </summary>
/// <remarks>Timestamps are int64 microseconds from the start of the video (the time of the frame or the centre
/// of the audio/text window the row describes) and ascend strictly. The arrays are not copied: after handing a
/// series to <see cref="FeatureCacheWriter"/> do not change it until the write returns; a series returned by
/// <see cref="FeatureCache"/> belongs to the caller.</remarks>
/// <param name="Data">Rows * Dim values, row-major.</param>
/// <param name="Rows">Number of rows (may be 0: the modality is absent from this video).</param>
/// <param name="Dim">Feature size.</param>
/// <param name="TimestampsMicros">One timestamp per row.</param>
public sealed record FeatureSeries(float[] Data, int Rows, int Dim, long[] TimestampsMicros)
{
    /// <summary>Row <paramref name="row"/> as a span over <see cref="Data"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Data.AsSpan(row * Dim, Dim);
}
