using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>Clock times (microseconds, one monotonic clock) of one decision, as <see cref="DecisionProbe"/> saw it.</summary>
/// <param name="NewestFrameMicros">Capture time of the newest frame the decision used.</param>
/// <param name="EmitMicros">When the aligner emitted the window.</param>
/// <param name="FillStartMicros">When the fusion stage started extracting the window's features.</param>
/// <param name="FillEndMicros">When extraction ended (the fusion run follows).</param>
/// <param name="Frames">Frames in the window.</param>
/// <param name="Reason">Why the aligner emitted the window.</param>
/// <param name="Extracted">Slot frames that went through the extractor (mask entries set).</param>
public readonly record struct DecisionTiming(long NewestFrameMicros, long EmitMicros, long FillStartMicros, long FillEndMicros,
    int Frames, WindowEmitReason Reason, int Extracted);
