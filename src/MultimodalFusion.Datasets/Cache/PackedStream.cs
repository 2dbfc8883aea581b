namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// One stream of a set of windows packed for a fusion model: features [windows, steps, dim] row-major and the
/// presence mask [windows, steps], each window's rows from step 0, zero-padded and masked false after them.
/// </summary>
/// <remarks>The arrays are new and belong to the caller (a tensor may wrap them).</remarks>
/// <param name="Name">The stream (modality) name.</param>
/// <param name="Values">windows * steps * dim floats.</param>
/// <param name="Mask">windows * steps flags, true where a row is present.</param>
/// <param name="Windows">Number of windows.</param>
/// <param name="Steps">Time steps per window (the longest window's row count, at least 1).</param>
/// <param name="Dim">Feature size.</param>
public sealed record PackedStream(string Name, float[] Values, bool[] Mask, int Windows, int Steps, int Dim);
