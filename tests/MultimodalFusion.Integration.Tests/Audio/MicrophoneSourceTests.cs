using System.Threading.Channels;
using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Capture.Text;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Audio;

/// <summary>Real PulseAudio (tools/virtual-mic.sh), real speech played with paplay, real pocketsphinx.</summary>
public sealed class MicrophoneSourceTests
{
    private const long SpeechFileMicros = 2_786_250; // goforward.wav: 44580 samples at 16 kHz

    [Fact]
    public async Task SpeechPlayedIntoTheVirtualMic_IsCapturedOnTimeAndRecognised()
    {
        await using var mic = await VirtualMicrophone.StartAsync();
        var clock = MonotonicClock.Instance;
        var source = new MicrophoneSource("vmic", new MicrophoneOptions("mic", Server: mic.Server), clock);
        Assert.Equal("mic:vmic", source.Description);
        var channel = Channel.CreateUnbounded<AudioChunk>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var run = source.RunAsync(channel.Writer, cts.Token);

        var chunks = new List<AudioChunk>();
        chunks.Add(await channel.Reader.ReadAsync(cts.Token)); // capture is running
        long playStart = clock.NowMicros;
        await mic.RunToolAsync("paplay", "-d", "vspk", RepoPaths.Media("goforward.wav"));
        long stopAt = Math.Max(clock.NowMicros, playStart + SpeechFileMicros) + 1_500_000;
        while (chunks[^1].EndMicros < stopAt)
            chunks.Add(await channel.Reader.ReadAsync(cts.Token));
        // Healthy capture: the last sample's count-time trails the clock by about a read plus latency.
        Assert.InRange(source.ClockDriftMicros, -100_000, 1_000_000);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        while (channel.Reader.TryRead(out var late))
            chunks.Add(late);

        try
        {
            Assert.All(chunks, c => Assert.Equal((16_000, 1, "mic"), (c.SampleRateHz, c.Channels, c.StreamId)));
            for (int i = 1; i < chunks.Count; i++)
            {
                Assert.Equal(chunks[i - 1].Sequence + 1, chunks[i].Sequence);
                Assert.Equal(chunks[i - 1].EndMicros, chunks[i].StartMicros);
            }
            float[] samples = chunks.SelectMany(c => c.Span.ToArray()).ToArray();
            long TimeOf(int sample) => chunks[0].StreamStartMicros + Micros.FromSamples(chunks[0].FirstSampleIndex + sample, 16_000);

            // The null sink is digital silence when nothing plays; the file's own noise floor is not.
            int firstSound = Array.FindIndex(samples, s => Math.Abs(s) > 1e-4f);
            int lastSound = Array.FindLastIndex(samples, s => Math.Abs(s) > 1e-4f);
            Assert.True(firstSound >= 0, "nothing but silence was captured");
            long heard = TimeOf(lastSound + 1) - TimeOf(firstSound);
            Assert.InRange(heard, SpeechFileMicros - 300_000, SpeechFileMicros + 300_000);
            Assert.InRange(TimeOf(firstSound) - playStart, -200_000, 2_000_000);

            // Loud speech in goforward.wav starts ~0.5 s into the file.
            int loudFrame = Enumerable.Range(0, samples.Length / 320)
                .First(f => Rms(samples.AsSpan(f * 320, 320)) > 0.01);
            long onset = TimeOf(loudFrame * 320) - TimeOf(firstSound);
            Assert.InRange(onset, 300_000, 700_000);

            var asrInput = Channel.CreateUnbounded<AudioChunk>();
            foreach (var c in chunks)
                asrInput.Writer.TryWrite(c.Retain());
            asrInput.Writer.Complete();
            using var asr = new AsrTranscriptSource(asrInput.Reader, new PocketSphinxRecognizer(), new AsrOptions("mic-asr"));
            var text = Channel.CreateUnbounded<TranscriptSegment>();
            await asr.RunAsync(text.Writer, CancellationToken.None);
            text.Writer.Complete();
            var segment = Assert.Single(await text.Reader.ReadAllAsync().ToListAsync());
            Assert.Equal("go forward ten meters", segment.Text);
            Assert.InRange(segment.StartMicros, TimeOf(firstSound), TimeOf(firstSound) + 700_000);
            Assert.InRange(segment.EndMicros, TimeOf(lastSound) - 700_000, TimeOf(lastSound) + 700_000);
        }
        finally
        {
            chunks.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task UnknownMicName_FailsNamingIt()
    {
        await using var mic = await VirtualMicrophone.StartAsync();
        var source = new MicrophoneSource("no-such-mic", new MicrophoneOptions(Server: mic.Server), MonotonicClock.Instance);
        var e = await Assert.ThrowsAsync<SourceException>(() =>
            source.RunAsync(Channel.CreateUnbounded<AudioChunk>().Writer, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token));
        Assert.Contains("mic:no-such-mic", e.Message);
        Assert.Contains("'no-such-mic' not found", e.Message);
        Assert.False(e.IsTransient);
        Assert.Contains("'no-such-mic' not found", MicrophoneSource.DescribeProblem("no-such-mic", new MicrophoneOptions(Server: mic.Server)));
        Assert.Null(MicrophoneSource.DescribeProblem("vmic", new MicrophoneOptions(Server: mic.Server)));
    }

    [Fact]
    public async Task NoServer_FailsTransientlyNamingTheServer()
    {
        string server = $"unix:{RepoPaths.NewTempDir()}/pulse/native";
        var source = new MicrophoneSource(null, new MicrophoneOptions(Server: server), MonotonicClock.Instance);
        var e = await Assert.ThrowsAsync<SourceException>(() =>
            source.RunAsync(Channel.CreateUnbounded<AudioChunk>().Writer, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token));
        Assert.Contains(server, e.Message);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task SuspendedMic_FailsAfterTheNoDataTimeoutInsteadOfHanging()
    {
        await using var mic = await VirtualMicrophone.StartAsync();
        var source = new MicrophoneSource("vmic", new MicrophoneOptions(Server: mic.Server, NoDataTimeout: TimeSpan.FromSeconds(2)), MonotonicClock.Instance);
        var channel = Channel.CreateUnbounded<AudioChunk>();
        var run = source.RunAsync(channel.Writer, new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        (await channel.Reader.ReadAsync()).Dispose();
        await mic.RunToolAsync("pactl", "suspend-source", "vmic", "1");
        var e = await Assert.ThrowsAsync<SourceException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("no audio for 2 s", e.Message);
        Assert.True(e.IsTransient);
        while (channel.Reader.TryRead(out var c))
            c.Dispose();
    }

    private static double Rms(ReadOnlySpan<float> frame)
    {
        double sum = 0;
        foreach (float s in frame)
            sum += s * s;
        return Math.Sqrt(sum / frame.Length);
    }
}
