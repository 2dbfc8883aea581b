using System.Diagnostics;
using System.Threading.Channels;
using MultimodalFusion.Capture.Text;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Text;

public sealed class LiveTranscriptSourceTests
{
    [Fact]
    public async Task JsonLinesOverAFifo_AreStampedFromTheOriginOrOnArrival()
    {
        string dir = RepoPaths.NewTempDir();
        string fifo = Path.Combine(dir, "live.fifo");
        using (var mk = Process.Start("mkfifo", [fifo]))
            await mk.WaitForExitAsync();
        var clock = new ManualClock(50_000_000);
        var source = LiveTranscriptSource.ForPath(fifo, new LiveTranscriptOptions("live", MediaOriginMicros: 40_000_000), clock);
        Assert.Contains(fifo, source.Description);
        var channel = Channel.CreateUnbounded<TranscriptSegment>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = source.RunAsync(channel.Writer, cts.Token);

        await using (var writer = new StreamWriter(fifo) { AutoFlush = true })
        {
            await writer.WriteLineAsync("{\"start\":1.5,\"end\":2.25,\"text\":\"go forward\",\"confidence\":0.8,\"final\":false}");
            var first = await channel.Reader.ReadAsync(cts.Token);
            Assert.Equal((41_500_000L, 42_250_000L, "go forward", 0.8f, false), (first.StartMicros, first.EndMicros, first.Text, first.Confidence, first.IsFinal));

            clock.Set(55_000_000);
            await writer.WriteLineAsync("{\"text\":\"no times\"}");
            var second = await channel.Reader.ReadAsync(cts.Token);
            Assert.Equal((55_000_000L, 55_000_000L, 1L), (second.StartMicros, second.EndMicros, second.Sequence));

            await writer.WriteLineAsync("this is not json");
            await writer.WriteLineAsync("{\"start\":0.5,\"end\":1,\"text\":\"too early\"}");
            await writer.WriteLineAsync("{\"start\":20,\"end\":21,\"text\":\"later\"}");
            var third = await channel.Reader.ReadAsync(cts.Token);
            Assert.Equal(("later", 60_000_000L, 2L), (third.Text, third.StartMicros, third.Sequence));
        }
        await run; // the writer closed the pipe: end of input
        Assert.Equal((1, 1), (source.BadLines, source.Regressions));
    }

    [Fact]
    public async Task Cancellation_KeepsThePendingReadForTheNextRun()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        using var reader = new StreamReader(pipe.Reader.AsStream());
        var source = new LiveTranscriptSource(reader, new LiveTranscriptOptions(MediaOriginMicros: 0), new ManualClock());
        var channel = Channel.CreateUnbounded<TranscriptSegment>();
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.RunAsync(channel.Writer, cts.Token));

        var writer = new StreamWriter(pipe.Writer.AsStream()) { AutoFlush = true };
        var run = source.RunAsync(channel.Writer, CancellationToken.None);
        await writer.WriteLineAsync("{\"start\":1,\"end\":2,\"text\":\"kept\"}");
        await writer.DisposeAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(channel.Reader.TryRead(out var segment));
        Assert.Equal(("kept", 1_000_000L), (segment.Text, segment.StartMicros));
    }

    [Fact]
    public async Task FailOnBadLine_EndsTheRunNamingTheLine()
    {
        var source = new LiveTranscriptSource(new StringReader("{\"text\":\"ok\"}\n{\"text\":\n"),
            new LiveTranscriptOptions(Name: "captioner", FailOnBadLine: true), new ManualClock());
        var e = await Assert.ThrowsAsync<SourceException>(() => source.RunAsync(Channel.CreateUnbounded<TranscriptSegment>().Writer, CancellationToken.None));
        Assert.Contains("captioner:2:", e.Message);
    }
}
