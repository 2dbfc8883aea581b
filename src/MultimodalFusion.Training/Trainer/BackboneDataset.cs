using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// In-memory samples for end-to-end backbone training: inputs [n, ...] (images, NTCHW clips or log-mel windows)
/// and targets, class indices [n] (int64) or values [n, dims] (float32).
/// </summary>
/// <remarks>
/// Owns its tensors until <see cref="Dispose"/>. Batches returned by <see cref="Batch"/> are new tensors owned by the
/// caller (or the caller's dispose scope).
/// </remarks>
public sealed class BackboneDataset : IDisposable
{
    /// <summary>Wraps existing tensors; the dataset takes ownership of them.</summary>
    public BackboneDataset(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.shape[0] != targets.shape[0])
            throw new ArgumentException($"BackboneDataset: {inputs.shape[0]} inputs but {targets.shape[0]} targets.");
        if (inputs.dtype != ScalarType.Float32)
            throw new ArgumentException($"BackboneDataset: inputs must be float32; got {inputs.dtype}.");
        IsClassification = targets.dtype == ScalarType.Int64;
        if (!IsClassification && (targets.dtype != ScalarType.Float32 || targets.dim() != 2))
            throw new ArgumentException($"BackboneDataset: targets must be int64 class indices [n] or float32 values [n, dims]; got {targets.dtype} [{string.Join(", ", targets.shape)}].");
        if (IsClassification && targets.dim() != 1)
            throw new ArgumentException($"BackboneDataset: class targets must be [n]; got [{string.Join(", ", targets.shape)}].");
        Inputs = inputs;
        Targets = targets;
        Count = inputs.shape[0];
    }

    /// <summary>All inputs [n, ...].</summary>
    public Tensor Inputs { get; }

    /// <summary>All targets: [n] int64 or [n, dims] float32.</summary>
    public Tensor Targets { get; }

    /// <summary>Number of samples n.</summary>
    public long Count { get; }

    /// <summary>True when the targets are class indices.</summary>
    public bool IsClassification { get; }

    /// <summary>The samples at <paramref name="indices"/>, as new tensors.</summary>
    public (Tensor Inputs, Tensor Targets) Batch(long[] indices)
    {
        using var index = tensor(indices);
        return (Inputs.index_select(0, index), Targets.index_select(0, index));
    }

    /// <summary>Samples per class over <paramref name="classCount"/> classes (classification only).</summary>
    public long[] ClassCounts(int classCount)
    {
        if (!IsClassification)
            throw new InvalidOperationException("BackboneDataset: class counts need class-index targets.");
        var counts = new long[classCount];
        foreach (long label in Targets.data<long>())
        {
            if (label < 0 || label >= classCount)
                throw new ArgumentOutOfRangeException(nameof(classCount), $"BackboneDataset: label {label} is outside [0, {classCount}).");
            counts[label]++;
        }
        return counts;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
