using System.Threading.Channels;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Stages;

public sealed class TransformStageTests : StageContractTests<int, string>
{
    protected override PipelineStage<int, string> CreateStage(ChannelReader<int> input, ChannelWriter<string> output, StageMetrics metrics) =>
        new TransformStage<int, string>("format", input, output, metrics, i => $"#{i}");

    protected override int CreateInput(int index) => index;

    [Fact]
    public async Task Transforms_in_order_skips_nulls_and_records_latency()
    {
        var input = PipelineChannels.Create<int>(ChannelSpec.Lossless("in", 4), Registry);
        var output = PipelineChannels.Create<string>(ChannelSpec.Lossless("out", 100), Registry);
        var metrics = Registry.GetOrAdd("odd");
        var stage = new TransformStage<int, string>("odd", input.Reader, output.Writer, metrics,
            async (i, ct) => { await Task.Yield(); return i % 2 == 1 ? $"odd {i}" : null; });
        Task done = stage.Start();
        for (int i = 0; i < 10; i++)
            await input.Writer.WriteAsync(i);
        input.Writer.Complete();
        await Eventually.WithinAsync(done, "the stage to finish");

        var results = new List<string>();
        await foreach (string s in output.Reader.ReadAllAsync())
            results.Add(s);
        Assert.Equal(["odd 1", "odd 3", "odd 5", "odd 7", "odd 9"], results);
        Assert.Equal(10, metrics.In);
        Assert.Equal(5, metrics.Out);
        Assert.Equal(10, metrics.Latency.Count);
    }

    [Fact]
    public async Task A_throwing_transform_faults_the_stage_and_the_output()
    {
        var input = PipelineChannels.Create<int>(ChannelSpec.Lossless("in", 4), Registry);
        var output = PipelineChannels.Create<string>(ChannelSpec.Lossless("out", 100), Registry);
        var stage = new TransformStage<int, string>("picky", input.Reader, output.Writer, Registry.GetOrAdd("picky"),
            i => i == 2 ? throw new FormatException("bad item 2") : i.ToString());
        Task done = stage.Start();
        for (int i = 0; i < 4; i++)
            await input.Writer.WriteAsync(i);

        await Eventually.WithinAsync(done, "the stage to fault");
        Assert.Equal(StageState.Faulted, stage.State);
        Assert.IsType<FormatException>(stage.Error);
        Assert.Equal("0", await output.Reader.ReadAsync());
        Assert.Equal("1", await output.Reader.ReadAsync());
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () => await output.Reader.ReadAsync());
        Assert.Contains("bad item 2", ex.ToString());
    }
}
