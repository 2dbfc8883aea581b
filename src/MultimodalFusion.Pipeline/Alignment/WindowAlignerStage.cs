using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Pipeline.Alignment;

/// <summary>Runs a <see cref="WindowAligner"/> as a stage: reads the merged packets of all modalities, writes windows, and polls deadlines on a timer.</summary>
/// <remarks>
/// The read loop and the timer share the aligner under one async gate, which is held while windows are written,
/// so windows leave in index order. Windows written to the output belong to its reader. At the end of input the
/// aligner is flushed; when the stage stops it disposes the aligner, which releases whatever it still holds.
/// Late and regressing packets count as <see cref="StageMetrics.Dropped"/>.
/// </remarks>
public sealed class WindowAlignerStage : PipelineStage<ITimedPacket, AlignedWindow>
{
    private readonly WindowAligner _aligner;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _reportedDrops;

    /// <summary>A stage over <paramref name="aligner"/> (which it now owns) that polls every <paramref name="pollInterval"/> of <paramref name="timeProvider"/>.</summary>
    public WindowAlignerStage(string name, ChannelReader<ITimedPacket> input, ChannelWriter<AlignedWindow> output, StageMetrics metrics,
        WindowAligner aligner, TimeSpan pollInterval, TimeProvider? timeProvider = null, ILogger? logger = null)
        : base(name, input, output, metrics, logger)
    {
        ArgumentNullException.ThrowIfNull(aligner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        _aligner = aligner;
        _pollInterval = pollInterval;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The aligner (its counters may be read from any thread; values may lag by one packet).</summary>
    public WindowAligner Aligner => _aligner;

    /// <inheritdoc />
    protected override ValueTask ProcessAsync(ITimedPacket item, CancellationToken cancellationToken) =>
        UnderGateAsync(a => a.Add(item), cancellationToken, orRelease: item);

    /// <inheritdoc />
    protected override ValueTask OnInputCompletedAsync(CancellationToken cancellationToken) =>
        UnderGateAsync(a => a.Flush(), cancellationToken);

    /// <inheritdoc />
    protected override async Task RunBackgroundAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_pollInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            await UnderGateAsync(a => a.Poll(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void OnStopped(StageState state)
    {
        // The loops have ended, so nothing else touches the aligner.
        _aligner.Dispose();
        Logger.LogInformation("Aligner {Stage}: {Windows} windows ({Deadline} by deadline, {Flush} by flush, {Skipped} empty skipped), {Late} late, {Regressions} regressions",
            Name, _aligner.WindowsEmitted, _aligner.EmittedByDeadline, _aligner.EmittedByFlush, _aligner.WindowsSkipped, _aligner.LateDrops, _aligner.Regressions);
    }

    private async ValueTask UnderGateAsync(Func<WindowAligner, int> step, CancellationToken cancellationToken, ITimedPacket? orRelease = null)
    {
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            (orRelease as IDisposable)?.Dispose();
            throw;
        }
        try
        {
            step(_aligner);
            long drops = _aligner.LateDrops + _aligner.Regressions;
            if (drops != _reportedDrops)
            {
                Metrics.RecordDropped(drops - _reportedDrops);
                _reportedDrops = drops;
            }
            while (_aligner.TryDequeue(out AlignedWindow window))
            {
                try
                {
                    await WriteAsync(window, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    window.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
