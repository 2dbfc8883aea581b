using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Inference.Tests.Stages;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Fusion;

/// <summary>The shared audio row definition against the runtime's audio stage, and its packing into fusion windows.</summary>
public sealed class AudioRowCutterTests : IDisposable
{
    private const int Dims = 4, Rate = 16_000;
    private static readonly TimeSpan s_rowWindow = TimeSpan.FromSeconds(0.5), s_hop = TimeSpan.FromSeconds(0.25);
    private readonly string _dir = RepoPaths.NewTempDir("mmf-audio-rows");
    private readonly ModelSession _session;
    private readonly AudioEncoder _encoder;
    private readonly float[] _speech;

    public AudioRowCutterTests()
    {
        _session = new OnnxSessionFactory().Create(TestAudio.MeanPoolEncoder(_dir, 128, Dims, out _));
        _encoder = new AudioEncoder(_session, new LogMelOptions(), s_rowWindow);
        _speech = TestWav.Read16(RepoPaths.Media("goforward.wav"), out int rate, out _);
        Assert.Equal(Rate, rate);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _session.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Rows_equal_the_audio_stage_windows_bit_for_bit_stamped_at_their_centres()
    {
        // The runtime stage (what mmf features used before the cutter) over 100 ms chunks.
        var input = Channel.CreateUnbounded<AudioChunk>();
        var output = Channel.CreateUnbounded<FeaturePacket>();
        var stage = new AudioFeatureStage("a", input.Reader, output.Writer, new StageMetrics("a", new ManualClock()), _encoder, s_hop);
        Task run = stage.Start();
        int chunk = Rate / 10, chunks = _speech.Length / chunk;
        for (int k = 0; k < chunks; k++)
            await input.Writer.WriteAsync(TestAudio.Chunk(_speech, k * chunk, chunk, k, 7_000));
        input.Writer.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(60));
        var expected = new List<(long Stamp, float[] Row)>();
        await foreach (FeaturePacket p in output.Reader.ReadAllAsync())
        {
            using (p)
                expected.Add((p.StartMicros + (p.EndMicros - p.StartMicros) / 2, p.Span.ToArray()));
        }

        // The cutter over 70 ms chunks, each handed over twice (as overlapping windows do): same rows.
        var cutter = new AudioRowCutter(_encoder, s_hop);
        var actual = new List<(long Stamp, float[] Row)>();
        int other = Rate * 7 / 100, total = chunks * chunk;
        for (int first = 0; first < total; first += other)
        {
            using var c = TestAudio.Chunk(_speech, first, Math.Min(other, total - first), first / other, 7_000);
            cutter.Add(c, (f, stamp) => actual.Add((stamp, f.ToArray())));
            cutter.Add(c, (f, stamp) => actual.Add((stamp, f.ToArray())));
        }
        Assert.True(expected.Count >= 8, $"{expected.Count} rows");
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(7_000 + 250_000L + i * 250_000L, expected[i].Stamp);   // centre of [i hop, i hop + 0.5 s)
            Assert.Equal(expected[i].Stamp, actual[i].Stamp);
            Assert.Equal(expected[i].Row, actual[i].Row);
        }
    }

    [Fact]
    public void A_gap_drops_the_rows_it_touches_and_the_grid_keeps_its_stamps()
    {
        var cutter = new AudioRowCutter(_encoder, s_hop);
        var stamps = new List<long>();
        void Add(int first, int count) => cutter.Add(TestAudio.Chunk(_speech, first, count, first, 0), (_, s) => stamps.Add(s));
        Add(0, 9_000);          // rows [0, 0.5 s) only
        Add(13_000, 19_000);    // samples 9000..13000 lost: next window starts at 16000 (1 s), rows at 1.25, 1.5, 1.75 s
        Assert.Equal([250_000L, 1_250_000L, 1_500_000L, 1_750_000L], stamps);
        Assert.Equal(1, cutter.Gaps);
        var wrongRate = TestAudio.Chunk(new float[44_100], 0, 4_410, 0, 0, 44_100, "usb-mic");
        var error = Assert.Throws<InvalidOperationException>(() => cutter.Add(wrongRate, (_, _) => { }));
        Assert.Contains("'usb-mic' delivers 44100 Hz", error.Message);
    }

    [Fact]
    public void Windows_get_the_rows_stamped_inside_them_from_step_0()
    {
        using var aligner = new WindowAligner(new AlignerOptions { Window = TimeSpan.FromSeconds(1), Hop = TimeSpan.FromSeconds(0.5), Expected = ModalityMask.Audio }, new ManualClock());
        int chunk = Rate / 10;
        for (int k = 0; k < 25; k++)
            aligner.Add(TestAudio.Chunk(_speech, k * chunk, chunk, k, 0));
        aligner.Flush();
        var features = new AudioWindowFeatures(_encoder, s_hop, "audio", "audio_mask");
        int steps = features.StepsFor(TimeSpan.FromSeconds(1));
        Assert.Equal(5, steps);
        var windows = new List<(long Start, bool[] Mask, float[] X)>();
        while (aligner.TryDequeue(out var window))
        {
            using (window)
            {
                var x = new float[steps * Dims];
                var mask = new bool[steps];
                features.Fill(window, steps, x, mask);
                windows.Add((window.StartMicros, mask, x));
            }
        }
        // Rows: 0.5 s of audio every 0.25 s, centres at 0.25 s, 0.5 s, ... ; [0, 1 s) holds 0.25..0.75, [0.5, 1.5 s) 0.5..1.25.
        Assert.Equal([true, true, true, false, false], windows[0].Mask);
        Assert.Equal([true, true, true, true, false], windows[1].Mask);
        float[] rowAtHalf = _encoder.Encode(_speech.AsSpan(4_000, 8_000)).ToArray();      // centre 0.5 s
        Assert.Equal(rowAtHalf, windows[0].X.AsSpan(Dims, Dims).ToArray());
        Assert.Equal(rowAtHalf, windows[1].X.AsSpan(0, Dims).ToArray());                 // the first row uses audio before the window
        Assert.Equal(9, features.Rows);   // 2.5 s: centres 0.25 .. 2.25 s
    }
}
