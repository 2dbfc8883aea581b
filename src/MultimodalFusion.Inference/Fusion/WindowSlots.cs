using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>The time slots that split a fusion window into the fusion graph's time steps.</summary>
public static class WindowSlots
{
    /// <summary>
    /// Slot <paramref name="index"/> of <paramref name="count"/> equal slots of <paramref name="window"/>,
    /// as <c>[Start, End)</c> microseconds on the data-path clock; the slots tile the window exactly.
    /// </summary>
    public static (long Start, long End) Bounds(AlignedWindow window, int index, int count)
    {
        long length = window.EndMicros - window.StartMicros;
        return (window.StartMicros + length * index / count, window.StartMicros + length * (index + 1) / count);
    }
}
