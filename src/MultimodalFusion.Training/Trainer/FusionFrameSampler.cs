using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// Dynamic frame sampling: per batch a stride s in 1..MaxStride and an offset in 0..s-1 are drawn and every stream
/// keeps steps offset, offset + s, ... (at least one), so the model sees the window at several frame rates while
/// the streams stay aligned in time; per-frame targets follow the base stream.
/// </summary>
/// <remarks>Returns new tensors owned by the caller's dispose scope.</remarks>
public static class FusionFrameSampler
{
    /// <summary>Draws (stride, offset); stride 1 (offset 0) when <paramref name="maxStride"/> is 1.</summary>
    public static (int Stride, int Offset) Draw(int maxStride, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStride, 1);
        if (maxStride == 1)
            return (1, 0);
        int stride = random.Next(1, maxStride + 1);
        return (stride, random.Next(stride));
    }

    /// <summary>Steps offset, offset + stride, ... of a [b, t, ...] tensor along axis 1 (offset wraps for short sequences).</summary>
    public static Tensor Apply(Tensor steps, int stride, int offset)
    {
        long length = steps.shape[1];
        long start = offset % length;
        using var index = arange(start, length, stride, dtype: ScalarType.Int64, device: steps.device);
        return steps.index_select(1, index);
    }
}
