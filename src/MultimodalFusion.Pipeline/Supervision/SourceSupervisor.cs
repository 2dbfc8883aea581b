using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Pipeline.Metrics;
using Polly;
using Polly.Retry;

namespace MultimodalFusion.Pipeline.Supervision;

/// <summary>Runs one <see cref="IPacketSource{T}"/> into a channel and restarts it after transient failures, with exponential backoff and jitter (Polly).</summary>
/// <remarks>
/// <para>Restarts on a transient <see cref="SourceException"/> and on any unexpected exception. Stops on the
/// source's normal end (<see cref="SourceState.Ended"/>), a non-transient <see cref="SourceException"/> or
/// used-up <see cref="RestartPolicy.MaxRestarts"/> (<see cref="SourceState.Failed"/>), or cancellation
/// (<see cref="SourceState.Stopped"/>). When it stops it completes the output writer, with the error when
/// it failed. Each supervisor has its own retry pipeline and state, so one failing source never delays another.</para>
/// <para>Metrics: each packet the source writes counts as <see cref="StageMetrics.In"/>; each failure sets
/// <see cref="StageMetrics.LastError"/> and opens a gap that the next packet closes; each restart counts in
/// <see cref="StageMetrics.Restarts"/>. Delays run on the given <see cref="TimeProvider"/>.</para>
/// </remarks>
public sealed class SourceSupervisor<T> where T : ITimedPacket
{
    private readonly IPacketSource<T> _source;
    private readonly ChannelWriter<T> _output;
    private readonly RestartPolicy _policy;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly TaskCompletionSource<SourceState> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopToken;
    private int _state = (int)SourceState.Starting;
    private int _started;
    private int _restarts;
    private bool _lastRunHealthy;
    private long _lastDelayTicks;
    private Exception? _restartAfterHealthyRun;

    /// <summary>A supervisor that will run <paramref name="source"/> into <paramref name="output"/> under <paramref name="policy"/> (default <see cref="RestartPolicy.Default"/>).</summary>
    public SourceSupervisor(IPacketSource<T> source, ChannelWriter<T> output, StageMetrics metrics,
        RestartPolicy? policy = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(metrics);
        _policy = policy ?? RestartPolicy.Default;
        _policy.Validate();
        _source = source;
        _output = output;
        Metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _retry = BuildRetryPipeline();
    }

    /// <summary>The supervised source's id.</summary>
    public string SourceId => _source.Id;

    /// <summary>The source's counters.</summary>
    public StageMetrics Metrics { get; }

    /// <summary>Current state; safe to poll from any thread.</summary>
    public SourceState State => (SourceState)Volatile.Read(ref _state);

    /// <summary>Raised on every state change, on the supervisor's thread; handlers must be quick and must not throw.</summary>
    public event EventHandler<SourceState>? StateChanged;

    /// <summary>Restarts so far.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The delay before the latest restart (zero before the first).</summary>
    public TimeSpan LastRestartDelay => TimeSpan.FromTicks(Interlocked.Read(ref _lastDelayTicks));

    /// <summary>The error that ended the supervisor in <see cref="SourceState.Failed"/>, or null.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Ends, never faulted, with the final state (<see cref="SourceState.Ended"/>, <see cref="SourceState.Failed"/> or <see cref="SourceState.Stopped"/>).</summary>
    public Task<SourceState> Completion => _completion.Task;

    /// <summary>Starts supervising on the thread pool; returns <see cref="Completion"/>. Starts once.</summary>
    public Task<SourceState> Start(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException($"The supervisor of '{_source.Id}' was already started.");
        _stopToken = cancellationToken;
        _ = Task.Run(() => SuperviseAsync(cancellationToken), CancellationToken.None);
        return Completion;
    }

    private ResiliencePipeline BuildRetryPipeline()
    {
        var options = new RetryStrategyOptions
        {
            BackoffType = DelayBackoffType.Exponential,
            Delay = _policy.InitialDelay,
            MaxDelay = _policy.MaxDelay,
            UseJitter = _policy.UseJitter,
            MaxRetryAttempts = int.MaxValue,
            // A healthy run's failure is restarted by the outer loop, so the backoff starts over.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsRestartable(ex) && !_lastRunHealthy && HasRestartsLeft()),
            OnRetry = args =>
            {
                Exception error = args.Outcome.Exception!;
                OnRestarting(error is HealthyRunEndedException healthy ? healthy.InnerException! : error, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder { TimeProvider = _time }.AddRetry(options).Build();
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var writer = new CountingWriter<T>(_output, Metrics, OnPacket);
        SourceState end;
        try
        {
            while (true)
            {
                try
                {
                    await _retry.ExecuteAsync(async token => await RunOnceAsync(writer, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    end = SourceState.Ended;
                    break;
                }
                catch (Exception ex) when (_lastRunHealthy && IsRestartable(ex) && HasRestartsLeft())
                {
                    // A fresh retry pipeline run restarts the attempt count, so the backoff starts at InitialDelay.
                    _restartAfterHealthyRun = ex;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            end = SourceState.Stopped;
        }
        catch (Exception ex)
        {
            Error = ex;
            end = SourceState.Failed;
        }
        Finish(end);
    }

    private async ValueTask RunOnceAsync(ChannelWriter<T> writer, CancellationToken cancellationToken)
    {
        if (_restartAfterHealthyRun is { } cause)
        {
            // Attempt 0 of the fresh pipeline stands for the healthy run's failure, so Polly waits InitialDelay
            // (with jitter) before attempt 1 restarts the source, and 2x, 4x... after further failures.
            _restartAfterHealthyRun = null;
            _lastRunHealthy = false;
            throw new HealthyRunEndedException(cause);
        }
        SetState(SourceState.Starting);
        long started = _time.GetTimestamp();
        _lastRunHealthy = false;
        try
        {
            await _source.RunAsync(writer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            _lastRunHealthy = _time.GetElapsedTime(started) >= _policy.HealthyAfter;
            Metrics.MarkFailure(ex.Message);
            throw;
        }
    }

    private bool IsRestartable(Exception ex) => ex switch
    {
        SourceException source => source.IsTransient,
        // Someone else closed the output: a restart could only fail the same way.
        ChannelClosedException => false,
        OperationCanceledException when _stopToken.IsCancellationRequested => false,
        _ => true,
    };

    private bool HasRestartsLeft() => _policy.MaxRestarts is not { } max || Volatile.Read(ref _restarts) < max;

    private void OnRestarting(Exception error, TimeSpan delay)
    {
        Interlocked.Increment(ref _restarts);
        Interlocked.Exchange(ref _lastDelayTicks, delay.Ticks);
        Metrics.RecordRestart();
        SetState(SourceState.BackingOff);
        _logger.LogWarning("Source {Source} ({Description}) failed: {Message}; restart {Restart} in {Delay:F2} s",
            _source.Id, CredentialRedactor.Redact(_source.Description), CredentialRedactor.Redact(error.Message), Restarts, delay.TotalSeconds);
    }

    private void OnPacket()
    {
        if (Volatile.Read(ref _state) != (int)SourceState.Running)
            SetState(SourceState.Running);
    }

    private void Finish(SourceState end)
    {
        if (end == SourceState.Failed)
        {
            string why = Error is SourceException { IsTransient: false } ? "a permanent error; not restarting" : $"giving up after {Restarts} restarts";
            // A SourceException's message says all a person needs; a stack trace only helps for the unexpected.
            _logger.LogError(Error is SourceException ? null : Error, "Source {Source} ({Description}) stopped on {Why}: {Message}",
                _source.Id, CredentialRedactor.Redact(_source.Description), why, CredentialRedactor.Redact(Error!.Message));
            _output.TryComplete(Error);
        }
        else
        {
            _logger.LogInformation("Source {Source} {State} after {Packets} packets and {Restarts} restarts", _source.Id, end, Metrics.In, Restarts);
            _output.TryComplete();
        }
        SetState(end);
        _completion.TrySetResult(end);
    }

    /// <summary>Stands for the failure of a healthy run at the start of a fresh retry sequence.</summary>
    private sealed class HealthyRunEndedException(Exception cause) : Exception(cause.Message, cause);

    private void SetState(SourceState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) != (int)state)
            StateChanged?.Invoke(this, state);
    }
}
