using System.Threading.Channels;
using MultimodalFusion.Capture.Text;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Text;

public sealed class TranscriptFileSourceTests
{
    private static async Task<List<TranscriptSegment>> RunAsync(TranscriptFileSource source, CancellationToken ct = default)
    {
        var channel = Channel.CreateUnbounded<TranscriptSegment>();
        await source.RunAsync(channel.Writer, ct);
        channel.Writer.Complete();
        return await channel.Reader.ReadAllAsync().ToListAsync();
    }

    [Theory]
    [InlineData("demo.srt")]
    [InlineData("demo.vtt")]
    public async Task DemoTranscript_LandsOnTheMediaClock(string name)
    {
        var source = new TranscriptFileSource(RepoPaths.Media(name), new TranscriptFileOptions("subs", MediaOriginMicros: 7_000_000), new ManualClock());
        var segments = await RunAsync(source);
        Assert.Equal(2, segments.Count);
        Assert.Equal(("subs", 0L, 8_000_000L, 10_800_000L, "go forward ten meters", 1f, true),
            (segments[0].StreamId, segments[0].Sequence, segments[0].StartMicros, segments[0].EndMicros, segments[0].Text, segments[0].Confidence, segments[0].IsFinal));
        Assert.Equal((1L, 11_800_000L, 15_500_000L), (segments[1].Sequence, segments[1].StartMicros, segments[1].EndMicros));
        var again = await RunAsync(source);
        Assert.Equal([2L, 3L], again.Select(s => s.Sequence));
    }

    [Fact]
    public async Task JsonLines_AreSortedByStart()
    {
        string dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir, "t.jsonl");
        await File.WriteAllTextAsync(path, "{\"start\":2.0,\"end\":2.5,\"text\":\"b\",\"confidence\":0.5}\n{\"start\":0.25,\"end\":1,\"text\":\"a\"}\n");
        var segments = await RunAsync(new TranscriptFileSource(path, new TranscriptFileOptions(MediaOriginMicros: 0), new ManualClock()));
        Assert.Equal(["a", "b"], segments.Select(s => s.Text));
        Assert.Equal((250_000L, 0.5f), (segments[0].StartMicros, segments[1].Confidence));
    }

    [Fact]
    public async Task Realtime_ReleasesEachSegmentWhenTheClockReachesItsEnd()
    {
        var clock = new ManualClock(0);
        var source = new TranscriptFileSource(RepoPaths.Media("demo.srt"), new TranscriptFileOptions(Realtime: true, MediaOriginMicros: 0), clock);
        var channel = Channel.CreateUnbounded<TranscriptSegment>();
        var run = source.RunAsync(channel.Writer, CancellationToken.None);
        clock.Set(3_700_000);
        await Task.Delay(200);
        Assert.False(channel.Reader.TryRead(out _));
        clock.Set(3_800_000);
        var first = await channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3_800_000, first.EndMicros);
        Assert.False(run.IsCompleted);
        clock.Set(8_500_000);
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(channel.Reader.TryRead(out var second));
        Assert.Equal(8_500_000, second.EndMicros);
    }

    [Fact]
    public async Task BadFiles_FailNamingFileAndLine()
    {
        string dir = RepoPaths.NewTempDir();
        string bad = Path.Combine(dir, "bad.srt");
        await File.WriteAllTextAsync(bad, "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:0x,000 --> 00:00:03,000\nbroken\n");
        var e = await Assert.ThrowsAsync<SourceException>(() => RunAsync(new TranscriptFileSource(bad, new TranscriptFileOptions(), new ManualClock())));
        Assert.Contains($"{bad}:6:", e.Message);
        Assert.False(e.IsTransient);

        var missing = await Assert.ThrowsAsync<SourceException>(() => RunAsync(new TranscriptFileSource("/nope/a.vtt", new TranscriptFileOptions(), new ManualClock())));
        Assert.Contains("/nope/a.vtt", missing.Message);

        string txt = Path.Combine(dir, "notes.txt");
        await File.WriteAllTextAsync(txt, "hello");
        var unknown = await Assert.ThrowsAsync<SourceException>(() => RunAsync(new TranscriptFileSource(txt, new TranscriptFileOptions(), new ManualClock())));
        Assert.Contains(".txt", unknown.Message);
    }
}
