using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Stages;

/// <summary>A pipeline step: reads <typeparamref name="TIn"/> from a channel, processes each item, writes <typeparamref name="TOut"/> to a channel.</summary>
/// <remarks>
/// <para>Life: <see cref="StageState.Created"/> -> <see cref="StageState.Running"/> (on <see cref="Start"/>) ->
/// <see cref="StageState.Completed"/>, <see cref="StageState.Faulted"/> or <see cref="StageState.Cancelled"/>.
/// Whatever the end, the stage completes its output writer exactly once: with the exception when it faulted
/// (an upstream failure arrives as a <see cref="ChannelClosedException"/> and is passed on), plainly otherwise.
/// <see cref="Completion"/> mirrors the end state (ran to completion, faulted, or cancelled).</para>
/// <para>Ownership: each item read is handed to <see cref="ProcessAsync"/>, which owns it (disposes it or
/// passes it on). Items written through <see cref="WriteAsync"/> are handed to the output channel.</para>
/// <para>Metrics: <see cref="StageMetrics.In"/> per item read, <see cref="StageMetrics.Out"/> per item written,
/// and the time <see cref="ProcessAsync"/> took per item as latency (microseconds of the metrics' clock).</para>
/// </remarks>
public abstract class PipelineStage<TIn, TOut>
{
    private readonly ChannelReader<TIn> _input;
    private readonly ChannelWriter<TOut> _output;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = (int)StageState.Created;

    /// <summary>A stage named <paramref name="name"/> between <paramref name="input"/> and <paramref name="output"/>.</summary>
    protected PipelineStage(string name, ChannelReader<TIn> input, ChannelWriter<TOut> output, StageMetrics metrics, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(metrics);
        Name = name;
        _input = input;
        _output = output;
        Metrics = metrics;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The stage's name, used in logs.</summary>
    public string Name { get; }

    /// <summary>This stage's counters.</summary>
    public StageMetrics Metrics { get; }

    /// <summary>Current state; safe to poll from any thread.</summary>
    public StageState State => (StageState)Volatile.Read(ref _state);

    /// <summary>The error that faulted the stage, or null.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Ends when the stage ends: successfully, faulted with its error, or cancelled.</summary>
    public Task Completion => _completion.Task;

    /// <summary>The logger given at construction (a null logger by default).</summary>
    protected ILogger Logger { get; }

    /// <summary>Starts the read loop on the thread pool; returns <see cref="Completion"/>. A stage starts once.</summary>
    public Task Start(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, (int)StageState.Running, (int)StageState.Created) != (int)StageState.Created)
            throw new InvalidOperationException($"Stage '{Name}' was already started.");
        _ = Task.Run(() => RunAsync(cancellationToken), CancellationToken.None);
        return Completion;
    }

    /// <summary>Processes one item, which it now owns; writes results with <see cref="WriteAsync"/>.</summary>
    protected abstract ValueTask ProcessAsync(TIn item, CancellationToken cancellationToken);

    /// <summary>Called once after the input ended normally, before the output is completed (flush what is buffered).</summary>
    protected virtual ValueTask OnInputCompletedAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Runs beside the read loop (a timer, say) and is cancelled when the read loop ends; its failure faults the stage.</summary>
    protected virtual Task RunBackgroundAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once the stage has ended, whatever the state (release what the stage still holds).</summary>
    protected virtual void OnStopped(StageState state) { }

    /// <summary>Writes <paramref name="item"/> to the output (handing it over) and counts it.</summary>
    protected async ValueTask WriteAsync(TOut item, CancellationToken cancellationToken)
    {
        await _output.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        Metrics.RecordOut();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // The read loop stops on the caller's token or when the background loop fails; the background loop
        // stops on the caller's token or when the read loop ends.
        using var readStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var backgroundStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task background = Task.CompletedTask;
        StageState end;
        try
        {
            background = RunBackgroundAsync(backgroundStop.Token);
            _ = background.ContinueWith(static (_, state) => CancelQuietly((CancellationTokenSource)state!), readStop,
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await ReadLoopAsync(readStop.Token).ConfigureAwait(false);
            await OnInputCompletedAsync(readStop.Token).ConfigureAwait(false);
            end = StageState.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            end = StageState.Cancelled;
        }
        catch (Exception ex) when (!background.IsFaulted)
        {
            Error = ex is ChannelClosedException { InnerException: { } upstream } ? upstream : ex;
            end = StageState.Faulted;
        }
        catch (Exception)
        {
            end = StageState.Faulted; // the background failure below is the cause
        }
        CancelQuietly(backgroundStop);
        try
        {
            await background.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (backgroundStop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            if (Error is null)
            {
                Error = ex;
                end = StageState.Faulted;
            }
        }
        Finish(end);
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var clock = Metrics.Clock;
        while (await _input.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_input.TryRead(out TIn? item))
            {
                Metrics.RecordIn();
                long started = clock.NowMicros;
                await ProcessAsync(item, cancellationToken).ConfigureAwait(false);
                Metrics.RecordLatency(clock.NowMicros - started);
            }
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stage already finished.
        }
    }

    private void Finish(StageState end)
    {
        if (end == StageState.Faulted)
        {
            Logger.LogError(Error, "Stage {Stage} failed: {Message}", Name, Error!.Message);
            _output.TryComplete(Error);
        }
        else
        {
            Logger.LogInformation("Stage {Stage} {State}: in={In} out={Out}", Name, end, Metrics.In, Metrics.Out);
            _output.TryComplete();
        }
        try
        {
            OnStopped(end);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Stage {Stage}: releasing its resources failed", Name);
        }
        Volatile.Write(ref _state, (int)end);
        switch (end)
        {
            case StageState.Completed: _completion.TrySetResult(); break;
            case StageState.Faulted: _completion.TrySetException(Error!); break;
            default: _completion.TrySetCanceled(); break;
        }
    }
}
