using BenchmarkDotNet.Attributes;
using MultimodalFusion.Benchmarks.Models;
using MultimodalFusion.Benchmarks.Running;
using MultimodalFusion.Inference.Batching;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Benchmarks.Inference;

/// <summary>
/// Cross-stream micro-batching per item: 16 image samples submitted at once to a <see cref="MicroBatcher"/> with
/// MaxBatchSize 1 (baseline: 16 runs of one), 4 (4 runs of 4) or 16 (one run of 16), all awaited.
/// </summary>
/// <remarks>
/// Model: the representative small CNN (1x3x112x112 -> 128 features, <see cref="BenchGraphs.ImageCnn"/>), one
/// intra-op thread, so the figure shows what batching saves per item in call overhead and kernel efficiency, plus what
/// the batcher costs (copies, one task and one result array per request). MaxWait 2 ms (the configured default) only
/// matters when a batch cannot fill, which does not happen here: all 16 requests are queued before they are awaited.
/// </remarks>
[MemoryDiagnoser]
public class MicroBatchBenchmarks
{
    private const int Items = 16, Size = 112;
    private string _dir = "";
    private ModelSession _model = null!;
    private MicroBatcher _batch1 = null!, _batch4 = null!, _batch16 = null!;
    private float[][] _samples = [];
    private readonly Task<float[]>[] _pending = new Task<float[]>[Items];

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mmf-bench-batch").FullName;
        _model = new OnnxSessionFactory().Create(BenchGraphs.ImageCnn(_dir, Size), new OrtSessionOptions { IntraOpThreads = 1 });
        MicroBatcher Batcher(int size) => new(_model, new MicroBatcherOptions { MaxBatchSize = size, MaxWait = TimeSpan.FromMilliseconds(2) });
        (_batch1, _batch4, _batch16) = (Batcher(1), Batcher(4), Batcher(16));
        var rng = new Random(3);
        _samples = Enumerable.Range(0, Items)
            .Select(_ => Enumerable.Range(0, _batch1.SampleLength).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();

        // The same sample must give the same features whatever batch it ran in.
        Run(_batch1).GetAwaiter().GetResult();
        float[] alone = _pending[Items - 1].Result;
        Run(_batch16).GetAwaiter().GetResult();
        float[] batched = _pending[Items - 1].Result;
        double worst = alone.Zip(batched, (a, b) => (double)Math.Abs(a - b)).Max();
        if (!(worst <= 1e-4))
            throw new InvalidOperationException($"Micro-batched features differ from unbatched ones by {worst}.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var batcher in new[] { _batch1, _batch4, _batch16 })
            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _model.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>16 requests, batches of 1.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Items), BenchmarkCategory(BenchCategories.Quick)]
    public Task<float> Batch1() => Run(_batch1);

    /// <summary>16 requests, batches of up to 4.</summary>
    [Benchmark(OperationsPerInvoke = Items), BenchmarkCategory(BenchCategories.Quick)]
    public Task<float> Batch4() => Run(_batch4);

    /// <summary>16 requests, one batch of 16.</summary>
    [Benchmark(OperationsPerInvoke = Items), BenchmarkCategory(BenchCategories.Quick)]
    public Task<float> Batch16() => Run(_batch16);

    private async Task<float> Run(MicroBatcher batcher)
    {
        for (int i = 0; i < Items; i++)
            _pending[i] = batcher.SubmitAsync(_samples[i]);
        float sum = 0;
        foreach (var pending in _pending)
            sum += (await pending.ConfigureAwait(false))[0];
        return sum;
    }
}
