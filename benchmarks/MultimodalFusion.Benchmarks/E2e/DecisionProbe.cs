using System.Collections.Concurrent;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// Wraps the video <see cref="IWindowFeatures"/> of the fusion stage and records, per window, the capture time of the
/// newest frame it used, when the aligner emitted the window and how long feature extraction took.
/// </summary>
/// <remarks>
/// The newest frame used is the window's last frame: it is the last frame of the last non-empty slot, which is the one
/// the slot rule takes. Called on the fusion stage's thread; <see cref="Take"/> may be called from another.
/// </remarks>
public sealed class DecisionProbe(IWindowFeatures inner, IClock clock) : IWindowFeatures
{
    private readonly ConcurrentDictionary<long, DecisionTiming> _timings = new();

    /// <inheritdoc />
    public string SequenceInput => inner.SequenceInput;

    /// <inheritdoc />
    public string MaskInput => inner.MaskInput;

    /// <inheritdoc />
    public int Dimensions => inner.Dimensions;

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        long start = clock.NowMicros;
        inner.Fill(window, timeSteps, sequence, mask);
        long end = clock.NowMicros;
        long newest = window.Video.Count > 0 ? window.Video[^1].CaptureMicros : window.EndMicros;
        _timings[window.Index] = new DecisionTiming(newest, window.EmitMicros, start, end, window.Video.Count, window.Reason, mask.Count(true));
    }

    /// <summary>Removes and returns the timing of window <paramref name="index"/>; null when it was never filled.</summary>
    public DecisionTiming? Take(long index) => _timings.TryRemove(index, out var timing) ? timing : null;
}
