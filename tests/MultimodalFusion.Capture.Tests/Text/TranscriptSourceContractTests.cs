using System.Threading.Channels;
using MultimodalFusion.Capture.Text;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Text;

/// <summary>What every finite text source must do; one subclass per source kind and format.</summary>
/// <remarks>
/// The subclass builds its source over the demo transcript ("go forward ten meters" at 1.0-3.8 s,
/// "hello world, ..." at 4.8-8.5 s) with media origin <see cref="Origin"/>.
/// </remarks>
public abstract class TranscriptSourceContractTests
{
    /// <summary>Media origin every subclass must use.</summary>
    protected const long Origin = 20_000_000;

    /// <summary>The source under test, stream id "contract".</summary>
    protected abstract IPacketSource<TranscriptSegment> CreateSource(IClock clock);

    [Fact]
    public async Task Run_EmitsOrderedSegmentsOnTheMediaClock()
    {
        var source = CreateSource(new ManualClock(Origin));
        var channel = Channel.CreateUnbounded<TranscriptSegment>();
        await source.RunAsync(channel.Writer, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        channel.Writer.Complete();
        var segments = await channel.Reader.ReadAllAsync().ToListAsync();
        Assert.Equal(
            [(0L, Origin + 1_000_000, Origin + 3_800_000, "go forward ten meters"), (1L, Origin + 4_800_000, Origin + 8_500_000, "hello world, this is a test of the microphone")],
            segments.Select(s => (s.Sequence, s.StartMicros, s.EndMicros, s.Text)));
        Assert.All(segments, s => Assert.Equal((Modality.Text, "contract", true), (s.Modality, s.StreamId, s.IsFinal)));
        Assert.All(segments, s => Assert.InRange(s.Confidence, 0f, 1f));
        Assert.False(string.IsNullOrWhiteSpace(source.Description));
    }

    [Fact]
    public async Task AlreadyCancelled_WritesNothing()
    {
        var channel = Channel.CreateUnbounded<TranscriptSegment>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateSource(new ManualClock()).RunAsync(channel.Writer, new CancellationToken(canceled: true)));
        Assert.Equal(0, channel.Reader.Count);
    }
}

/// <summary>The contract for <see cref="TranscriptFileSource"/> over demo.srt, demo.vtt and the same cues as JSON lines.</summary>
public abstract class TranscriptFileSourceContractTests(string path) : TranscriptSourceContractTests
{
    protected override IPacketSource<TranscriptSegment> CreateSource(IClock clock) =>
        new TranscriptFileSource(path, new TranscriptFileOptions("contract", MediaOriginMicros: Origin), clock);

    internal static string DemoJsonLines()
    {
        string path = Path.Combine(RepoPaths.NewTempDir(), "demo.jsonl");
        File.WriteAllText(path, DemoJson);
        return path;
    }

    internal const string DemoJson = "{\"start\":4.8,\"end\":8.5,\"text\":\"hello world, this is a test of the microphone\"}\n" +
        "{\"start\":1.0,\"end\":3.8,\"text\":\"go forward ten meters\",\"confidence\":0.75}\n";
}

public sealed class SrtFileSourceContractTests() : TranscriptFileSourceContractTests(RepoPaths.Media("demo.srt"));

public sealed class VttFileSourceContractTests() : TranscriptFileSourceContractTests(RepoPaths.Media("demo.vtt"));

public sealed class JsonLinesFileSourceContractTests() : TranscriptFileSourceContractTests(DemoJsonLines());

/// <summary>The contract for <see cref="LiveTranscriptSource"/> over the demo cues as JSON lines, in time order.</summary>
public sealed class LiveTranscriptSourceContractTests : TranscriptSourceContractTests
{
    protected override IPacketSource<TranscriptSegment> CreateSource(IClock clock) =>
        new LiveTranscriptSource(new StringReader(string.Join('\n', TranscriptFileSourceContractTests.DemoJson.Split('\n').Reverse())),
            new LiveTranscriptOptions("contract", MediaOriginMicros: Origin), clock);
}
