using System.Threading.Channels;
using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Capture.Text;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Text;

public sealed class AsrTranscriptSourceTests
{
    [Fact]
    public async Task DemoSpeech_FirstUtteranceIsGoForwardAtItsTimeInTheFile()
    {
        const long origin = 10_000_000;
        var audio = Channel.CreateUnbounded<AudioChunk>();
        var wav = new WavFileSource(RepoPaths.Media("demo-speech.wav"), new AudioFileOptions(MediaOriginMicros: origin), new ManualClock());
        await wav.RunAsync(audio.Writer, CancellationToken.None);
        audio.Writer.Complete();

        var recognizer = new PocketSphinxRecognizer();
        using var asr = new AsrTranscriptSource(audio.Reader, recognizer, new AsrOptions("speech"));
        var text = Channel.CreateUnbounded<TranscriptSegment>();
        await asr.RunAsync(text.Writer, new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
        text.Writer.Complete();
        var segments = await text.Reader.ReadAllAsync().ToListAsync();

        Assert.True(segments.Count >= 2, $"segments: {string.Join(" | ", segments)}");
        var first = segments[0];
        Assert.Equal("go forward ten meters", first.Text);
        Assert.Equal(("speech", 0L, true), (first.StreamId, first.Sequence, first.IsFinal));
        // The speech in goforward.raw runs from ~0.5 s to ~2.4 s; the file puts it 1 s in.
        Assert.InRange(first.StartMicros - origin, 1_000_000, 1_700_000);
        Assert.InRange(first.EndMicros - origin, 3_000_000, 3_900_000);
        // The second line (espeak "hello world...") starts at 4.79 s in the file.
        Assert.InRange(segments[1].StartMicros - origin, 4_300_000, 5_200_000);
        Assert.True(segments.Zip(segments.Skip(1)).All(p => p.First.EndMicros <= p.Second.StartMicros));
        Assert.Equal(0, audio.Reader.Count);
        Assert.True(asr.UtterancesDecoded >= segments.Count);

        asr.Dispose(); // the source owns its recognizer
        Assert.Throws<ObjectDisposedException>(() => recognizer.Recognize(new float[1_600]));
    }

    [Fact]
    public async Task AudioThatIsNot16kMono_FailsNamingTheEngine()
    {
        var audio = Channel.CreateUnbounded<AudioChunk>();
        var pool = new BufferPool<float>();
        audio.Writer.TryWrite(new AudioChunk(pool.Rent(882), 441, 44_100, 2, "raw", 0, 0, 0));
        audio.Writer.Complete();
        using var asr = new AsrTranscriptSource(audio.Reader, new PocketSphinxRecognizer(), new AsrOptions());
        var e = await Assert.ThrowsAsync<Core.Sources.SourceException>(() => asr.RunAsync(Channel.CreateUnbounded<TranscriptSegment>().Writer, CancellationToken.None));
        Assert.Contains("asr:pocketsphinx", e.Message);
        Assert.Contains("16 kHz mono", e.Message);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void EnergyVad_CutsToneBurstsAtExactSampleTimes()
    {
        // 1 s silence, 0.6 s tone, 1 s silence, 0.02 s click, 1 s silence; 100 ms chunks at origin 5 s.
        float[] signal = new float[16_000 * 4 + 320 + 9_600];
        for (int i = 16_000; i < 16_000 + 9_600; i++)
            signal[i] = 0.3f * MathF.Sin(i * 0.2f);
        int click = 16_000 + 9_600 + 16_000;
        for (int i = click; i < click + 320; i++)
            signal[i] = 0.5f;
        var vad = new UtteranceSegmenter(new VadOptions(Hangover: TimeSpan.FromMilliseconds(200), PreRoll: TimeSpan.FromMilliseconds(100)));
        var found = new List<Utterance>();
        var pool = new BufferPool<float>();
        for (int start = 0, seq = 0; start < signal.Length; start += 1_600, seq++)
        {
            int n = Math.Min(1_600, signal.Length - start);
            var buffer = pool.Rent(n);
            signal.AsSpan(start, n).CopyTo(buffer.Span);
            using var chunk = new AudioChunk(buffer, n, 16_000, 1, "t", seq, 5_000_000, start);
            vad.Process(chunk, found);
        }
        if (vad.Flush() is { } tail)
            found.Add(tail);
        Assert.Equal(0, pool.Outstanding);
        var u = Assert.Single(found); // the 20 ms click is below MinSpeech
        Assert.Equal(5_000_000 + 1_000_000 - 100_000, u.StartMicros);
        Assert.Equal(5_000_000 + 1_600_000 + 200_000, u.EndMicros);
        Assert.Equal(600_000, u.SpeechMicros);
        Assert.Equal((int)((u.EndMicros - u.StartMicros) * 16 / 1000), u.Samples.Length);
    }
}
