using System.Threading.Channels;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Stages;

public sealed class PipelineStageTests
{
    private readonly MetricsRegistry _registry = new(MonotonicClock.Instance);

    /// <summary>Passes items on; its background loop fails after <c>failAfter</c>.</summary>
    private sealed class TickingStage(ChannelReader<int> input, ChannelWriter<int> output, StageMetrics metrics, TimeSpan failAfter, bool flushThrows = false)
        : PipelineStage<int, int>("ticking", input, output, metrics)
    {
        public int Stopped = -1;

        protected override ValueTask ProcessAsync(int item, CancellationToken cancellationToken) => WriteAsync(item * 10, cancellationToken);

        protected override async Task RunBackgroundAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(failAfter, cancellationToken);
            throw new TimeoutException("camera watchdog fired");
        }

        protected override ValueTask OnInputCompletedAsync(CancellationToken cancellationToken) =>
            flushThrows ? throw new InvalidDataException("flush failed") : ValueTask.CompletedTask;

        protected override void OnStopped(StageState state) => Stopped = (int)state;
    }

    [Fact]
    public async Task A_failing_background_loop_faults_an_idle_stage()
    {
        var input = PipelineChannels.Create<int>(ChannelSpec.Lossless("in", 4), _registry);
        var output = PipelineChannels.Create<int>(ChannelSpec.Lossless("out", 4), _registry);
        var stage = new TickingStage(input.Reader, output.Writer, _registry.GetOrAdd("ticking"), TimeSpan.FromMilliseconds(50));
        Task done = stage.Start();
        await input.Writer.WriteAsync(1);

        await Eventually.WithinAsync(done, "the background failure to stop the stage");
        Assert.Equal(StageState.Faulted, stage.State);
        Assert.IsType<TimeoutException>(stage.Error);
        Assert.Equal((int)StageState.Faulted, stage.Stopped);
        Assert.Equal(10, await output.Reader.ReadAsync());
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () => await output.Reader.ReadAsync());
        Assert.Contains("camera watchdog fired", ex.ToString());
    }

    [Fact]
    public async Task A_failing_flush_faults_the_stage_and_stops_its_background_loop()
    {
        var input = PipelineChannels.Create<int>(ChannelSpec.Lossless("in", 4), _registry);
        var output = PipelineChannels.Create<int>(ChannelSpec.Lossless("out", 4), _registry);
        var stage = new TickingStage(input.Reader, output.Writer, _registry.GetOrAdd("ticking"), TimeSpan.FromMinutes(10), flushThrows: true);
        Task done = stage.Start();
        input.Writer.Complete();

        await Eventually.WithinAsync(done, "the stage to fault");
        Assert.Equal(StageState.Faulted, stage.State);
        Assert.IsType<InvalidDataException>(stage.Error);
        Assert.True(done.IsFaulted);
    }
}
