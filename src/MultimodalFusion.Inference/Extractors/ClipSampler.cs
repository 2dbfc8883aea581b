using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Inference.Extractors;

/// <summary>
/// Picks the frames of a temporal clip: T sample times spread evenly over a span by timestamp, each served by the
/// nearest frame inside the span (so a span with fewer than T frames repeats frames).
/// </summary>
/// <remarks>
/// Sample k sits at the centre of the k-th of T equal slots of [start, end):
/// <c>t_k = start + (2k + 1) * (end - start) / (2T)</c> in integer microseconds. The nearest frame by
/// <see cref="VideoFrame.StartMicros"/> wins; on an exact tie the earlier frame wins (the one on screen at t_k).
/// Allocation-free: it walks the list by index with one forward pointer (O(frames + T)).
/// </remarks>
public static class ClipSampler
{
    /// <summary>
    /// Fills <paramref name="indices"/> (length T) with indices into <paramref name="frames"/> (time order); returns false
    /// and leaves <paramref name="indices"/> untouched when no frame lies in [<paramref name="startMicros"/>, <paramref name="endMicros"/>).
    /// </summary>
    public static bool Sample(IReadOnlyList<VideoFrame> frames, long startMicros, long endMicros, Span<int> indices)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (indices.IsEmpty)
            throw new ArgumentException("A clip needs at least one sample position.", nameof(indices));
        if (endMicros <= startMicros)
            throw new ArgumentOutOfRangeException(nameof(endMicros), $"Span [{startMicros}, {endMicros}) us is empty.");

        // The frames inside the span form one contiguous run [first, last] of the time-ordered list.
        int first = -1, last = -1;
        for (int i = 0; i < frames.Count; i++)
        {
            long t = frames[i].StartMicros;
            if (t >= endMicros)
                break;
            if (t < startMicros)
                continue;
            if (first < 0)
                first = i;
            last = i;
        }
        if (first < 0)
            return false;

        long length = endMicros - startMicros;
        int count = indices.Length, j = first;
        for (int k = 0; k < count; k++)
        {
            // Widened to Int128 so long spans (hours in microseconds) times 2k+1 cannot overflow.
            long target = startMicros + (long)((Int128)length * (2 * k + 1) / (2 * count));
            // Targets increase with k, so the nearest frame's index never moves backwards: advance while the next is strictly nearer.
            while (j < last && Math.Abs(frames[j + 1].StartMicros - target) < Math.Abs(frames[j].StartMicros - target))
                j++;
            indices[k] = j;
        }
        return true;
    }
}
