using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Apps.Violence;

/// <summary>A camera's video source run under a <see cref="SourceSupervisor{T}"/>: a dropped live stream is reconnected with backoff.</summary>
/// <remarks>
/// <para>Looks like any <see cref="IPacketSource{T}"/> to the <see cref="CameraScoringLoop"/>: <see cref="RunAsync"/>
/// returns when the inner source ends (a file), throws the error when it fails for good (a non-transient
/// <see cref="SourceException"/> such as a missing file, or the policy's restarts used up), and is cancelled with the
/// token. Between those, every transient failure (an RTSP server gone, ffmpeg killed by its stall watchdog) restarts
/// the inner source after the <see cref="RestartPolicy"/>'s backoff, logged as a warning naming the camera (the
/// supervisor's line, description and message redacted) and counted in <see cref="Metrics"/>'s restarts.</para>
/// <para>Metrics (<see cref="Metrics"/>, a registry's <c>{camera}/source</c>): In = frames the loop accepted, Dropped =
/// frames the loop's channel refused (a live source offers frames with <c>TryWrite</c> and releases a refused one
/// itself, as <c>FfmpegVideoSource.FramesDropped</c> counts them; the supervisor counts them), Restarts, the last error
/// and the dark gaps.</para>
/// <para>The loop owns the output's completion: the supervisor's completion of this writer is ignored. One run at a
/// time. Owns neither the inner source nor the metrics.</para>
/// </remarks>
public sealed class SupervisedVideoSource : IPacketSource<VideoFrame>
{
    private readonly IPacketSource<VideoFrame> _inner;
    private readonly RestartPolicy _policy;
    private readonly ILogger _logger;
    private readonly TimeProvider? _time;
    private int _state = (int)SourceState.Starting;
    private int _running;
    private TimeSpan _darkLogged;

    /// <summary>Runs <paramref name="inner"/> under <paramref name="policy"/>, counting into <paramref name="metrics"/>.</summary>
    public SupervisedVideoSource(IPacketSource<VideoFrame> inner, StageMetrics metrics, RestartPolicy policy, ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _policy.Validate();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public string Id => _inner.Id;

    /// <inheritdoc />
    public string Description => _inner.Description;

    /// <summary>The supervised source.</summary>
    public IPacketSource<VideoFrame> Inner => _inner;

    /// <summary>The frames, drops, restarts and gaps of this source.</summary>
    public StageMetrics Metrics { get; }

    /// <summary>Where the source is now (<see cref="SourceState.BackingOff"/>: waiting to reconnect); safe to poll.</summary>
    public SourceState State => (SourceState)Volatile.Read(ref _state);

    /// <summary>Restarts after failures, over every run.</summary>
    public long Restarts => Metrics.Restarts;

    /// <summary>Frames the loop's channel refused (released by the source).</summary>
    public long FramesDropped => Metrics.Dropped;

    /// <summary>Raised on each state change, on the supervisor's thread; handlers must be quick and must not throw.</summary>
    public event EventHandler<SourceState>? StateChanged;

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<VideoFrame> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Interlocked.Exchange(ref _running, 1) != 0)
            throw new InvalidOperationException($"Source {Id} is already running.");
        try
        {
            var supervisor = new SourceSupervisor<VideoFrame>(_inner, new LoopOwnedWriter(output), Metrics, _policy, _logger, _time);
            supervisor.StateChanged += OnStateChanged;
            var end = await supervisor.Start(cancellationToken).ConfigureAwait(false);
            switch (end)
            {
                case SourceState.Failed:
                    ExceptionDispatchInfo.Throw(supervisor.Error!);
                    break;
                case SourceState.Stopped:
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private void OnStateChanged(object? sender, SourceState state)
    {
        var previous = (SourceState)Interlocked.Exchange(ref _state, (int)state);
        if (state == SourceState.Running && previous != SourceState.Running && Metrics.Restarts > 0)
        {
            // The first packet of the run closed the gap that the failure opened: the total grew by this outage.
            var total = Metrics.Snapshot().TotalGap;
            var dark = total - _darkLogged;
            _darkLogged = total;
            _logger.LogInformation("Camera {Camera}: {Source} reconnected after restart {Restart}; dark for {Dark:F1} s",
                Id, CredentialRedactor.Redact(Description), Metrics.Restarts, dark.TotalSeconds);
        }
        StateChanged?.Invoke(this, state);
    }

    /// <summary>Passes frames on to the loop's writer and leaves its completion to the loop (the supervisor's is ignored).</summary>
    private sealed class LoopOwnedWriter(ChannelWriter<VideoFrame> inner) : ChannelWriter<VideoFrame>
    {
        public override bool TryWrite(VideoFrame item) => inner.TryWrite(item);

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => inner.WaitToWriteAsync(cancellationToken);

        public override ValueTask WriteAsync(VideoFrame item, CancellationToken cancellationToken = default) => inner.WriteAsync(item, cancellationToken);

        public override bool TryComplete(Exception? error = null) => false;
    }
}
