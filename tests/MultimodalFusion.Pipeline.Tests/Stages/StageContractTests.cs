using System.Threading.Channels;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Stages;

/// <summary>What every <see cref="PipelineStage{TIn, TOut}"/> must do; one subclass per stage kind.</summary>
/// <remarks>
/// A subclass builds its stage between the given channels and makes valid inputs; the contract checks the
/// life cycle (states, completion of the output, error and cancellation propagation) and the In counter.
/// </remarks>
public abstract class StageContractTests<TIn, TOut>
{
    protected MetricsRegistry Registry { get; } = new(MonotonicClock.Instance);

    /// <summary>The stage under test, reading <paramref name="input"/> and writing <paramref name="output"/>.</summary>
    protected abstract PipelineStage<TIn, TOut> CreateStage(ChannelReader<TIn> input, ChannelWriter<TOut> output, StageMetrics metrics);

    /// <summary>The <paramref name="index"/>-th of a run of valid inputs (time-ordered where that matters).</summary>
    protected abstract TIn CreateInput(int index);

    /// <summary>Called at the end of each contract test with what reached the output; release it here.</summary>
    protected virtual void Release(IReadOnlyList<TOut> outputs) { }

    /// <summary>Inputs that the stage must see before it writes anything (a window aligner needs a few seconds).</summary>
    protected virtual int InputsForOutput => 1;

    private (Channel<TIn> In, Channel<TOut> Out, StageMetrics Metrics, PipelineStage<TIn, TOut> Stage) Build()
    {
        var input = PipelineChannels.Create<TIn>(ChannelSpec.Lossless("contract-in", 16), Registry);
        var output = PipelineChannels.Create<TOut>(ChannelSpec.Lossless("contract-out", 1024), Registry);
        StageMetrics metrics = Registry.GetOrAdd("contract-stage");
        return (input, output, metrics, CreateStage(input.Reader, output.Writer, metrics));
    }

    private static async Task<List<TOut>> DrainAsync(ChannelReader<TOut> reader)
    {
        var items = new List<TOut>();
        await foreach (TOut item in reader.ReadAllAsync())
            items.Add(item);
        return items;
    }

    [Fact]
    public async Task Completes_its_output_after_the_input_ends_and_counts_what_it_read()
    {
        var (input, output, metrics, stage) = Build();
        Assert.Equal(StageState.Created, stage.State);
        Task completion = stage.Start();
        int count = InputsForOutput + 3;
        for (int i = 0; i < count; i++)
            await input.Writer.WriteAsync(CreateInput(i));
        input.Writer.Complete();

        List<TOut> outputs = await Eventually.WithinAsync(DrainAsync(output.Reader), "the stage to complete its output");
        await Eventually.WithinAsync(completion, "the stage to finish");
        Assert.Equal(StageState.Completed, stage.State);
        Assert.True(completion.IsCompletedSuccessfully);
        Assert.Equal(count, metrics.In);
        Assert.NotEmpty(outputs);
        Assert.Equal(outputs.Count, metrics.Out);
        Release(outputs);
    }

    [Fact]
    public async Task An_upstream_failure_faults_the_stage_and_reaches_its_output()
    {
        var (input, output, _, stage) = Build();
        Task completion = stage.Start();
        await input.Writer.WriteAsync(CreateInput(0));
        var failure = new InvalidOperationException("upstream broke");
        input.Writer.Complete(failure);

        await Eventually.WithinAsync(completion, "the stage to fault");
        Assert.Equal(StageState.Faulted, stage.State);
        Assert.Same(failure, stage.Error);
        var seen = await Assert.ThrowsAnyAsync<Exception>(() => DrainAsync(output.Reader));
        Assert.Same(failure, seen is ChannelClosedException { InnerException: { } inner } ? inner : seen);
    }

    [Fact]
    public async Task Cancellation_stops_the_stage_and_completes_its_output_cleanly()
    {
        var (input, output, _, stage) = Build();
        using var cts = new CancellationTokenSource();
        Task completion = stage.Start(cts.Token);
        await input.Writer.WriteAsync(CreateInput(0));
        await Eventually.TrueAsync(() => stage.Metrics.In == 1, "the first input to be read");
        cts.Cancel();

        await Eventually.WithinAsync(completion, "the stage to stop");
        Assert.Equal(StageState.Cancelled, stage.State);
        Assert.True(completion.IsCanceled);
        List<TOut> outputs = await Eventually.WithinAsync(DrainAsync(output.Reader), "the output to complete");
        Release(outputs);
        PipelineChannels.DisposeRemaining(input.Reader);
    }

    [Fact]
    public void A_stage_starts_only_once()
    {
        var (input, _, _, stage) = Build();
        stage.Start();
        Assert.Throws<InvalidOperationException>(StartAgain);
        void StartAgain() => stage.Start();
        input.Writer.Complete();
    }
}
