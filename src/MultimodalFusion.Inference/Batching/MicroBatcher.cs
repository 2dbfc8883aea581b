using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Batching;

/// <summary>
/// Cross-stream micro-batching for a model with one float input [batch, ...] and one float output [batch, ...]:
/// samples submitted by several streams are run together, up to <see cref="MicroBatcherOptions.MaxBatchSize"/>
/// and within <see cref="MicroBatcherOptions.MaxWait"/> of the oldest; each caller gets its own row back.
/// </summary>
/// <remarks>
/// Thread-safe. Requests are run in submission order by one worker, so results of one stream complete in the
/// order that stream submitted them. The sample span is copied before <see cref="SubmitAsync"/> returns. A failed
/// run fails only the requests of that batch; later batches run normally. The session is not owned.
/// </remarks>
public sealed class MicroBatcher : IAsyncDisposable
{
    private readonly ModelSession _model;
    private readonly MicroBatcherOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string[] _inputNames, _outputNames;
    private readonly long[] _sampleShape, _outputShape;   // without the batch dimension
    private readonly float[] _input, _output;            // pinned, MaxBatchSize rows each
    private readonly OrtValue?[] _inputValues, _outputValues;   // per batch size, created on first use
    private readonly RunOptions _runOptions = new();
    private readonly Task _worker;
    private long _batches, _requests, _largestBatch;

    /// <summary>Starts the batching worker over <paramref name="model"/>.</summary>
    public MicroBatcher(ModelSession model, MicroBatcherOptions? options = null, ILogger<MicroBatcher>? logger = null)
    {
        _model = model;
        _options = options ?? new MicroBatcherOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1)
            throw new ArgumentException($"{model.ModelPath}: micro-batching needs 1 input and 1 output; the graph has {model.Inputs.Count} and {model.Outputs.Count}.");
        var (inputName, inputMeta) = model.Inputs.First();
        var (outputName, outputMeta) = model.Outputs.First();
        _sampleShape = PerSampleShape(model.ModelPath, inputName, inputMeta);
        _outputShape = PerSampleShape(model.ModelPath, outputName, outputMeta);
        _inputNames = [inputName];
        _outputNames = [outputName];
        SampleLength = checked((int)_sampleShape.Aggregate(1L, (a, b) => a * b));
        OutputLength = checked((int)_outputShape.Aggregate(1L, (a, b) => a * b));
        _input = GC.AllocateArray<float>(SampleLength * _options.MaxBatchSize, pinned: true);
        _output = GC.AllocateArray<float>(OutputLength * _options.MaxBatchSize, pinned: true);
        _inputValues = new OrtValue?[_options.MaxBatchSize + 1];
        _outputValues = new OrtValue?[_options.MaxBatchSize + 1];
        _worker = Task.Run(() => RunAsync(CancellationToken.None));
    }

    /// <summary>Floats per submitted sample (the input shape without its batch dimension).</summary>
    public int SampleLength { get; }

    /// <summary>Floats per result.</summary>
    public int OutputLength { get; }

    /// <summary>Model runs so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The largest batch run so far.</summary>
    public long LargestBatch => Interlocked.Read(ref _largestBatch);

    /// <summary>Queues one sample; the task completes with its output row (a new array owned by the caller).</summary>
    public Task<float[]> SubmitAsync(ReadOnlySpan<float> sample)
    {
        if (sample.Length != SampleLength)
            throw new ArgumentException($"{_model.ModelPath}: a sample has {SampleLength} floats; got {sample.Length}.", nameof(sample));
        float[] copy = ArrayPool<float>.Shared.Rent(SampleLength);
        sample.CopyTo(copy);
        var request = new Request(copy, Stopwatch.GetTimestamp(), new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
        {
            ArrayPool<float>.Shared.Return(copy);
            throw new ObjectDisposedException(nameof(MicroBatcher), "The batcher has been disposed.");
        }
        return request.Result.Task;
    }

    /// <summary>Stops accepting requests, runs what is queued, then stops the worker.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        _runOptions.Dispose();
        foreach (var value in _inputValues.Concat(_outputValues))
            value?.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        var batch = new List<Request>(_options.MaxBatchSize);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!reader.TryRead(out var first))
                continue;
            batch.Add(first);
            long deadline = first.QueuedTimestamp + (long)(_options.MaxWait.TotalSeconds * Stopwatch.Frequency);
            while (batch.Count < _options.MaxBatchSize)
            {
                if (reader.TryRead(out var next))
                {
                    batch.Add(next);
                    continue;
                }
                TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining, cancellationToken).ConfigureAwait(false))
                    break;
            }
            RunBatch(batch);
            batch.Clear();
        }
    }

    private static async ValueTask<bool> WaitForMoreAsync(ChannelReader<Request> reader, TimeSpan remaining, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(remaining);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void RunBatch(List<Request> batch)
    {
        int n = batch.Count;
        for (int i = 0; i < n; i++)
        {
            batch[i].Sample.AsSpan(0, SampleLength).CopyTo(_input.AsSpan(i * SampleLength, SampleLength));
            ArrayPool<float>.Shared.Return(batch[i].Sample);
        }
        try
        {
            _inputValues[n] ??= OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                _input.AsMemory(0, n * SampleLength), [n, .. _sampleShape]);
            _outputValues[n] ??= OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                _output.AsMemory(0, n * OutputLength), [n, .. _outputShape]);
            _model.Session.Run(_runOptions, _inputNames, [_inputValues[n]!], _outputNames, [_outputValues[n]!]);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or ArgumentException)
        {
            _logger.LogError("{Model}: batch of {Count} failed: {Reason}", Path.GetFileName(_model.ModelPath), n, ex.Message);
            foreach (var request in batch)
                request.Result.TrySetException(ex);
            return;
        }
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _requests, n);
        if (n > Interlocked.Read(ref _largestBatch))
            Interlocked.Exchange(ref _largestBatch, n);
        for (int i = 0; i < n; i++)
            batch[i].Result.TrySetResult(_output.AsSpan(i * OutputLength, OutputLength).ToArray());
    }

    private static long[] PerSampleShape(string modelPath, string name, NodeMetadata meta)
    {
        int[] dims = meta.Dimensions;
        if (!meta.IsTensor || meta.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float || dims.Length < 2 || dims[0] >= 0 || dims[1..].Any(d => d < 0))
            throw new ArgumentException($"{modelPath}: '{name}' must be a float tensor [batch, fixed dims...] to be batched; it is [{string.Join(", ", dims)}].");
        return dims[1..].Select(d => (long)d).ToArray();
    }

    private readonly record struct Request(float[] Sample, long QueuedTimestamp, TaskCompletionSource<float[]> Result);
}
