using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Data;

/// <summary>
/// Windows of per-stream feature sequences with masks and targets, held as tensors in memory (cached features,
/// as the papers train the fusion part).
/// </summary>
/// <remarks>
/// Owns its tensors until <see cref="Dispose"/>: features [n, t_m, f_m] float32 and masks [n, t_m] bool per
/// stream; targets are class indices [n] (int64) or values [n, dims] (float32); optional per-frame targets over the
/// base (first) stream's steps are class indices [n, t_0] (int64, -1 where unlabelled or padded) or, for regression,
/// values [n, t_0, dims] (float32, NaN where unlabelled or padded). Batches returned by
/// <see cref="Batch"/> are new tensors owned by the caller (or the caller's dispose scope).
/// </remarks>
public sealed class FusionDataset : IDisposable
{
    /// <summary>Wraps existing tensors; the dataset takes ownership of them (<paramref name="frameTargets"/> included).</summary>
    public FusionDataset(IReadOnlyList<ModalitySpec> modalities, IReadOnlyList<Tensor> features, IReadOnlyList<Tensor> masks, Tensor targets,
        Tensor? frameTargets = null)
    {
        if (features.Count != modalities.Count || masks.Count != modalities.Count)
            throw new ArgumentException($"FusionDataset needs {modalities.Count} feature and mask tensors; got {features.Count} and {masks.Count}.");
        Count = targets.shape[0];
        for (int m = 0; m < modalities.Count; m++)
        {
            if (features[m].shape[0] != Count || masks[m].shape[0] != Count)
                throw new ArgumentException($"FusionDataset stream '{modalities[m].Name}' has {features[m].shape[0]} windows, targets have {Count}.");
        }
        bool classes = targets.dtype == ScalarType.Int64;
        if (frameTargets is not null && (classes
            ? frameTargets.dtype != ScalarType.Int64 || frameTargets.dim() != 2
            : frameTargets.dtype != ScalarType.Float32 || frameTargets.dim() != 3 || frameTargets.shape[2] != targets.shape[1]
            || frameTargets.shape[0] != Count || frameTargets.shape[1] != features[0].shape[1]))
        {
            string expected = classes ? $"int64 [{Count}, {features[0].shape[1]}]" : $"float32 [{Count}, {features[0].shape[1]}, {targets.shape[^1]}]";
            throw new ArgumentException($"FusionDataset frame targets must be {expected} " +
                $"(the '{modalities[0].Name}' steps); got {frameTargets.dtype} [{string.Join(", ", frameTargets.shape)}].");
        }
        Modalities = modalities;
        FrameTargets = frameTargets;
        Features = features;
        Masks = masks;
        Targets = targets;
    }

    /// <summary>The streams, in model input order.</summary>
    public IReadOnlyList<ModalitySpec> Modalities { get; }

    /// <summary>Per-stream features [n, t_m, f_m].</summary>
    public IReadOnlyList<Tensor> Features { get; }

    /// <summary>Per-stream masks [n, t_m] (true = present).</summary>
    public IReadOnlyList<Tensor> Masks { get; }

    /// <summary>Class indices [n] (int64) or regression targets [n, dims] (float32).</summary>
    public Tensor Targets { get; }

    /// <summary>Per-frame class indices [n, t_0] (-1 = ignore) or values [n, t_0, dims] (NaN = ignore) over the base stream's steps, or null.</summary>
    public Tensor? FrameTargets { get; }

    /// <summary>Number of windows.</summary>
    public long Count { get; }

    /// <summary>True when the targets are class indices.</summary>
    public bool IsClassification => Targets.dtype == ScalarType.Int64;

    /// <summary>The windows at <paramref name="indices"/>: features, masks, targets (new tensors).</summary>
    public (List<Tensor> Features, List<Tensor> Masks, Tensor Targets) Batch(long[] indices)
    {
        using var index = tensor(indices, ScalarType.Int64);
        var features = Features.Select(f => f.index_select(0, index)).ToList();
        var masks = Masks.Select(k => k.index_select(0, index)).ToList();
        return (features, masks, Targets.index_select(0, index));
    }

    /// <summary>The per-frame targets of the windows at <paramref name="indices"/> (a new tensor), or null when there are none.</summary>
    public Tensor? FrameBatch(long[] indices)
    {
        if (FrameTargets is null)
            return null;
        using var index = tensor(indices, ScalarType.Int64);
        return FrameTargets.index_select(0, index);
    }

    /// <summary>Number of windows per class (classification only).</summary>
    public long[] ClassCounts(int classCount)
    {
        if (!IsClassification)
            throw new InvalidOperationException("ClassCounts needs class-index targets.");
        using var counts = Targets.bincount(null, classCount);
        return counts.data<long>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in Features)
            t.Dispose();
        foreach (var t in Masks)
            t.Dispose();
        Targets.Dispose();
        FrameTargets?.Dispose();
    }
}
