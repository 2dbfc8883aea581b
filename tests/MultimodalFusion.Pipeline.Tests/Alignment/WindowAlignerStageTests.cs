using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.Pipeline.Tests.Stages;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Alignment;

public sealed class WindowAlignerStageTests : StageContractTests<ITimedPacket, AlignedWindow>
{
    private readonly TestPackets _packets = new();
    private readonly ManualClock _clock = new(10 * Micros.PerSecond);

    private static readonly AlignerOptions s_options = new()
    {
        Window = TimeSpan.FromSeconds(2),
        Hop = TimeSpan.FromSeconds(0.5),
        Deadline = TimeSpan.FromSeconds(0.5),
        Expected = ModalityMask.Video | ModalityMask.Audio,
    };

    protected override PipelineStage<ITimedPacket, AlignedWindow> CreateStage(ChannelReader<ITimedPacket> input, ChannelWriter<AlignedWindow> output, StageMetrics metrics) =>
        new WindowAlignerStage("align", input, output, metrics, new WindowAligner(s_options, _clock), TimeSpan.FromMilliseconds(10));

    protected override ITimedPacket CreateInput(int index) => _packets.Frame(10 * Micros.PerSecond + index * 100_000L);

    protected override void Release(IReadOnlyList<AlignedWindow> outputs)
    {
        foreach (AlignedWindow window in outputs)
            window.Dispose();
    }

    [Fact]
    public async Task The_timer_emits_deadline_windows_while_a_modality_is_silent_and_nothing_leaks()
    {
        var input = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("merged", 64), Registry);
        var output = PipelineChannels.Create<AlignedWindow>(ChannelSpec.Lossless("windows", 64), Registry);
        var stage = (WindowAlignerStage)CreateStage(input.Reader, output.Writer, Registry.GetOrAdd("align"));
        Task done = stage.Start();

        // 3 s of video and no audio at all: nothing is complete, so only the deadline can emit.
        for (int i = 0; i < 30; i++)
            await input.Writer.WriteAsync(CreateInput(i));
        await Eventually.TrueAsync(() => stage.Metrics.In == 30, "the frames to be read");
        Assert.False(output.Reader.TryPeek(out _));

        _clock.Set(12_500_000); // window 0 ends at 12.0 s; its deadline is 12.5 s
        AlignedWindow first = await Eventually.WithinAsync(output.Reader.ReadAsync().AsTask(), "the timer to emit window 0");
        Assert.Equal(0, first.Index);
        Assert.Equal(WindowEmitReason.Deadline, first.Reason);
        Assert.Equal(ModalityMask.Audio, first.Missing);
        first.Dispose();

        // A late frame from another camera is dropped and counted as the stage's drop.
        await input.Writer.WriteAsync(_packets.Frame(10_100_000, "cam2"));
        input.Writer.Complete();
        await Eventually.WithinAsync(done, "the stage to finish");
        Assert.Equal(StageState.Completed, stage.State);
        var rest = new List<AlignedWindow>();
        await foreach (AlignedWindow w in output.Reader.ReadAllAsync())
            rest.Add(w);
        Assert.Equal([1L, 2, 3, 4, 5], rest.Select(w => w.Index));
        Assert.All(rest, w => Assert.Equal(WindowEmitReason.Flush, w.Reason));
        Assert.Equal(1, stage.Metrics.Dropped);
        Assert.Equal(6, stage.Metrics.Out);
        Release(rest);
        Assert.Equal(0, _packets.Outstanding);
    }

    [Fact]
    public async Task Stopping_early_releases_everything_the_aligner_held()
    {
        var input = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("merged", 64), Registry);
        var output = PipelineChannels.Create<AlignedWindow>(ChannelSpec.Lossless("windows", 2), Registry);
        var stage = CreateStage(input.Reader, output.Writer, Registry.GetOrAdd("align"));
        using var cts = new CancellationTokenSource();
        Task done = stage.Start(cts.Token);
        for (int i = 0; i < 50; i++)
        {
            await input.Writer.WriteAsync(CreateInput(i));
            await input.Writer.WriteAsync(_packets.Chunk(i * 1600L, 1600, streamStartMicros: 10 * Micros.PerSecond));
        }
        // The output holds 2 windows and the stage is blocked writing a third.
        await Eventually.TrueAsync(() => output.Reader.Count == 2, "the output to fill up");
        cts.Cancel();
        await Eventually.WithinAsync(done, "the stage to stop");
        Assert.Equal(StageState.Cancelled, stage.State);
        PipelineChannels.DisposeRemaining(output.Reader);
        PipelineChannels.DisposeRemaining(input.Reader);
        Assert.Equal(0, _packets.Outstanding);
    }
}
