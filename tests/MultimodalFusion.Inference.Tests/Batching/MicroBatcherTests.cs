using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Inference.Batching;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Batching;

public sealed class MicroBatcherTests : IDisposable
{
    private const int Size = 16;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private readonly string _dir = RepoPaths.NewTempDir("mmf-batching");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static float[] Unbatched(ModelSession model, float[] sample)
    {
        using var x = OrtValue.CreateTensorValueFromMemory(sample, [1, 3, Size, Size]);
        using var r = model.Session.Run(new RunOptions(), ["image"], [x], ["features"]);
        return r[0].GetTensorDataAsSpan<float>().ToArray();
    }

    [Fact]
    public async Task Batched_outputs_equal_unbatched_and_each_stream_gets_its_rows_in_order()
    {
        using var model = new OnnxSessionFactory().Create(TestGraphs.ImageExtractor(_dir, Size, features: 8));
        // A long wait so concurrent submissions really share runs; the batch cap ends each wait early.
        await using var batcher = new MicroBatcher(model, new MicroBatcherOptions { MaxBatchSize = 4, MaxWait = TimeSpan.FromMilliseconds(200) });
        const int streams = 3, framesPerStream = 8;
        var samples = new float[streams][][];
        for (int s = 0; s < streams; s++)
            samples[s] = Enumerable.Range(0, framesPerStream).Select(f => TestGraphs.Weights(3 * Size * Size, seed: 100 * s + f)).ToArray();

        // Each stream submits all its frames at once, as a pipeline stage would; results must come back per stream, in order.
        var pending = samples.Select(stream => stream.Select(sample => batcher.SubmitAsync(sample)).ToArray()).ToArray();
        // In order: when a stream's frame f completes, its frames 0..f-1 have completed already.
        var outOfOrder = new List<(int Stream, int Frame)>();
        var tracked = pending.SelectMany((tasks, s) => tasks.Select((t, f) => t.ContinueWith(_ =>
        {
            if (!tasks[..f].All(earlier => earlier.IsCompleted))
                lock (outOfOrder) outOfOrder.Add((s, f));
        }, TaskContinuationOptions.ExecuteSynchronously))).ToArray();
        await Task.WhenAll(tracked).WaitAsync(s_deadline);
        Assert.Empty(outOfOrder);

        for (int s = 0; s < streams; s++)
        {
            for (int f = 0; f < framesPerStream; f++)
            {
                float[] expected = Unbatched(model, samples[s][f]);
                float[] actual = await pending[s][f];
                Assert.Equal(8, actual.Length);
                for (int k = 0; k < 8; k++)
                    Assert.Equal(expected[k], actual[k], 1e-5f);
            }
        }
        Assert.Equal(streams * framesPerStream, batcher.Requests);
        Assert.Equal(4, batcher.LargestBatch);
        Assert.True(batcher.Batches < streams * framesPerStream, $"{batcher.Batches} runs for {batcher.Requests} requests: nothing was batched");
    }

    [Fact]
    public async Task Lone_request_runs_after_max_wait_without_company()
    {
        using var model = new OnnxSessionFactory().Create(TestGraphs.ImageExtractor(_dir, Size, features: 8));
        await using var batcher = new MicroBatcher(model, new MicroBatcherOptions { MaxBatchSize = 8, MaxWait = TimeSpan.FromMilliseconds(20) });
        float[] sample = TestGraphs.Weights(3 * Size * Size, seed: 7);

        float[] result = await batcher.SubmitAsync(sample).WaitAsync(s_deadline);

        Assert.Equal(Unbatched(model, sample), result);
        Assert.Equal(1, batcher.Batches);
        Assert.Equal(1, batcher.LargestBatch);
    }

    [Fact]
    public async Task Wrong_sample_size_and_unbatchable_graph_fail_clearly()
    {
        using var model = new OnnxSessionFactory().Create(TestGraphs.ImageExtractor(_dir, Size, features: 8));
        await using var batcher = new MicroBatcher(model);
        var ex = Assert.Throws<ArgumentException>(() => { _ = batcher.SubmitAsync(new float[10]); });
        Assert.Contains($"a sample has {3 * Size * Size} floats; got 10", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicroBatcherOptions { MaxBatchSize = 0 }.Validate());
    }
}
