using MultimodalFusion.Capture;

namespace MultimodalFusion.Cli.Probe;

/// <summary>Everything <c>mmf probe</c> was asked to do, parsed and validated.</summary>
/// <param name="Sources">The sources, in the order given.</param>
/// <param name="Window">Window length W.</param>
/// <param name="Hop">Window hop H.</param>
/// <param name="Deadline">How long after its end a window waits for slow modalities before it is emitted with a mask.</param>
/// <param name="Realtime">Pace file sources at real time (as if live).</param>
/// <param name="Duration">Stop after this long; null runs until every source ends or Ctrl+C.</param>
/// <param name="VideoFps">Sample video down to this frame rate; null keeps every frame.</param>
/// <param name="MaxRestarts">Restarts allowed per live source before it counts as failed; null = unlimited.</param>
/// <param name="MetricsEvery">How often the per-stage metrics table is printed.</param>
/// <param name="Quiet">Print only the summary, not each window.</param>
public sealed record ProbeSettings(
    IReadOnlyList<SourceSpec> Sources,
    TimeSpan Window,
    TimeSpan Hop,
    TimeSpan Deadline,
    bool Realtime,
    TimeSpan? Duration,
    double? VideoFps,
    int? MaxRestarts,
    TimeSpan MetricsEvery,
    bool Quiet);
