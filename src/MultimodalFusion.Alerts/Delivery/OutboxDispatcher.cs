using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Core.Diagnostics;
using Polly;
using Polly.Retry;

namespace MultimodalFusion.Alerts.Delivery;

/// <summary>Delivers one sink's pending outbox rows, in order, until each is acknowledged or rejected for good.</summary>
/// <remarks>
/// <para>One background loop per sink. Rows go out strictly in outbox order, so the order per camera is kept: a row
/// that fails is retried (Polly: exponential backoff with jitter, no attempt limit, a timeout per attempt) before any
/// later row is tried. A row is marked delivered only after the sink acknowledged it; a permanent rejection parks it
/// and the loop moves on. Rows left pending by a previous process (crash, restart) are delivered when the loop
/// starts. Disposing stops the loop; a delivery in flight is cancelled and its row stays pending.</para>
/// <para>The dispatcher does not own the store or the sink.</para>
/// </remarks>
public sealed class OutboxDispatcher : IAsyncDisposable
{
    private static readonly ResiliencePropertyKey<OutboxEntry> s_entryKey = new("mmf.outbox.entry");

    private readonly SqliteEventStore _store;
    private readonly IAlertSink _sink;
    private readonly OutboxDispatcherOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _delivered;
    private long _failedAttempts;
    private long _parked;

    /// <summary>Starts delivering <paramref name="sink"/>'s rows of <paramref name="store"/>.</summary>
    public OutboxDispatcher(SqliteEventStore store, IAlertSink sink, OutboxDispatcherOptions? options = null,
        ILogger<OutboxDispatcher>? logger = null, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _options = options ?? new OutboxDispatcherOptions();
        _options.Validate();
        if (!store.Sinks.Contains(sink.Name, StringComparer.Ordinal))
            throw new ArgumentException($"Sink '{sink.Name}' is not one of the event store's sinks ({string.Join(", ", store.Sinks)}): it would never get a row.", nameof(sink));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _pipeline = BuildPipeline();
        _store.OutboxChanged += Wake;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The sink's name.</summary>
    public string SinkName => _sink.Name;

    /// <summary>Rows of this sink not yet acknowledged (read from the store).</summary>
    public long Backlog => _store.CountPending(_sink.Name);

    /// <summary>Rows this dispatcher delivered.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Failed attempts this dispatcher made (each retried).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Rows this dispatcher parked after a permanent rejection.</summary>
    public long Parked => Interlocked.Read(ref _parked);

    /// <summary>Stops the loop and waits for it; a delivery in flight is cancelled and stays pending.</summary>
    public async ValueTask DisposeAsync()
    {
        _store.OutboxChanged -= Wake;
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync().ConfigureAwait(false);
        try { await _loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
        _signal.Dispose();
    }

    private void Wake()
    {
        try { if (_signal.CurrentCount == 0) _signal.Release(); }
        catch (SemaphoreFullException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var batch = _store.GetPending(_sink.Name, _options.BatchSize);
                if (batch.Count == 0)
                {
                    await _signal.WaitAsync(_options.PollInterval, ct).ConfigureAwait(false);
                    continue;
                }
                foreach (var entry in batch)
                    await DeliverAsync(entry, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store itself failed (disk full, file removed): log, wait, try again; the rows are still there.
                _logger.LogError(ex, "Outbox of sink {Sink}: reading the store {Path} failed; retrying", _sink.Name, _store.Path);
                await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(s_entryKey, entry);
        try
        {
            await _pipeline.ExecuteAsync(static (ctx, state) =>
                    new ValueTask(state._sink.DeliverAsync(state.entry.Event, state.entry.Json, ctx.CancellationToken)),
                context, (_sink, entry)).ConfigureAwait(false);
            _store.MarkDelivered(entry.Id);
            Interlocked.Increment(ref _delivered);
            _logger.LogDebug("Outbox of sink {Sink}: delivered {Key}", _sink.Name, entry.Event.IdempotencyKey);
        }
        catch (AlertDeliveryException ex) when (ex.Permanent)
        {
            _store.Park(entry.Id, CredentialRedactor.Redact(ex.Message));
            Interlocked.Increment(ref _parked);
            _logger.LogError("Outbox of sink {Sink}: {Key} rejected for good and parked: {Error}", _sink.Name,
                entry.Event.IdempotencyKey, CredentialRedactor.Redact(ex.Message));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline BuildPipeline() => new ResiliencePipelineBuilder { TimeProvider = _time }
        .AddRetry(new RetryStrategyOptions
        {
            // Everything but a permanent rejection and our own shutdown is worth another try.
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex =>
                ex is not AlertDeliveryException { Permanent: true } && !_stop.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryBaseDelay,
            MaxDelay = _options.RetryMaxDelay,
            OnRetry = args =>
            {
                var entry = args.Context.Properties.GetValue(s_entryKey, null!);
                string error = CredentialRedactor.Redact(args.Outcome.Exception?.Message ?? "no acknowledgement");
                Interlocked.Increment(ref _failedAttempts);
                _store.RecordFailure(entry.Id, error, _time.GetUtcNow() + args.RetryDelay);
                _logger.LogWarning("Outbox of sink {Sink}: attempt {Attempt} at {Key} failed ({Error}); next in {Delay}",
                    _sink.Name, args.AttemptNumber + 1, entry.Event.IdempotencyKey, error, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(_options.AttemptTimeout)
        .Build();
}
