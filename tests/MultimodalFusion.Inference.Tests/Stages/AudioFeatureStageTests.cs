using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Stages;

public sealed class AudioFeatureStageTests : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private static readonly LogMelOptions s_mel = new();   // 16 kHz, 128 mels, n_fft 512, 400 / 160
    private readonly string _dir = RepoPaths.NewTempDir("mmf-audio-stage");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AudioFeatureStage Stage(AudioEncoder encoder, Channel<AudioChunk> input, Channel<FeaturePacket> output, TimeSpan? hop) =>
        new("audio", input.Reader, output.Writer, new StageMetrics("audio", MonotonicClock.Instance), encoder, hop);

    [Fact]
    public async Task Speech_windows_are_encoded_with_exact_times_and_the_reference_features()
    {
        float[] speech = TestWav.ReadMono16(RepoPaths.Media("goforward.wav"));
        Assert.True(speech.Length > 32_000, $"goforward.wav has {speech.Length} samples");
        using var model = new OnnxSessionFactory().Create(TestAudio.MeanPoolEncoder(_dir, 128, 8, out float[] w));
        using var encoder = new AudioEncoder(model, s_mel, TimeSpan.FromSeconds(1));
        Assert.Equal((16_000, 101, 8), (encoder.WindowSamples, encoder.Frames, encoder.FeatureLength));
        var input = Channel.CreateUnbounded<AudioChunk>();
        var output = Channel.CreateUnbounded<FeaturePacket>();
        var stage = Stage(encoder, input, output, TimeSpan.FromMilliseconds(500));

        Task run = stage.Start();
        const long streamStart = 2_000_000;
        const int chunk = 1_234;   // not a divisor of the window or hop: windows straddle chunks
        long seq = 0;
        for (int first = 0; first + chunk <= speech.Length; first += chunk)
            await input.Writer.WriteAsync(TestAudio.Chunk(speech, first, chunk, seq++, streamStart));
        input.Writer.Complete();
        await run.WaitAsync(s_deadline);

        var packets = output.Reader.ReadAllAsync().ToBlockingEnumerable().ToList();
        int delivered = (int)(seq * chunk);
        Assert.Equal((delivered - 16_000) / 8_000 + 1, packets.Count);
        Assert.Equal(packets.Count, stage.Windows);
        var reference = new LogMelSpectrogram(s_mel);
        var logMel = new float[101 * 128];
        for (int k = 0; k < packets.Count; k++)
        {
            using FeaturePacket p = packets[k];
            Assert.Equal((Modality.Audio, "mic", (long)k), (p.Modality, p.StreamId, p.Sequence));
            Assert.Equal((streamStart + k * 500_000L, streamStart + k * 500_000L + 1_000_000L), (p.StartMicros, p.EndMicros));
            reference.Compute(speech.AsSpan(k * 8_000, 16_000), logMel);
            for (int j = 0; j < 8; j++)
            {
                double expected = 0;
                for (int m = 0; m < 128; m++)
                {
                    double mean = 0;
                    for (int t = 0; t < 101; t++)
                        mean += logMel[t * 128 + m];
                    expected += mean / 101 * w[m * 8 + j];
                }
                Assert.Equal(expected, p.Span[j], 2e-3);
            }
        }
    }

    [Fact]
    public async Task A_gap_in_sample_indices_drops_the_partial_window_and_restarts_at_the_next_chunk()
    {
        float[] speech = TestWav.ReadMono16(RepoPaths.Media("goforward.wav"));
        using var model = new OnnxSessionFactory().Create(TestAudio.MeanPoolEncoder(_dir, 128, 4, out _));
        using var encoder = new AudioEncoder(model, s_mel, TimeSpan.FromMilliseconds(500));
        var input = Channel.CreateUnbounded<AudioChunk>();
        var output = Channel.CreateUnbounded<FeaturePacket>();
        var stage = Stage(encoder, input, output, hop: null);

        Task run = stage.Start();
        await input.Writer.WriteAsync(TestAudio.Chunk(speech, 0, 6_000, 0, 0));        // 6000 of 8000: partial
        await input.Writer.WriteAsync(TestAudio.Chunk(speech, 10_000, 8_000, 1, 0));   // jumped 4000 samples
        input.Writer.Complete();
        await run.WaitAsync(s_deadline);

        var p = Assert.Single(output.Reader.ReadAllAsync().ToBlockingEnumerable());
        using (p)
            Assert.Equal((625_000L, 1_125_000L), (p.StartMicros, p.EndMicros));
        Assert.Equal(1, stage.Gaps);
    }

    [Fact]
    public async Task Stereo_chunks_are_mixed_to_mono_before_encoding()
    {
        float[] speech = TestWav.ReadMono16(RepoPaths.Media("goforward.wav"))[8_000..24_000];
        var stereo = new float[speech.Length * 2];   // left = speech, right = silence: mono = speech / 2
        for (int i = 0; i < speech.Length; i++)
            stereo[2 * i] = speech[i];
        using var model = new OnnxSessionFactory().Create(TestAudio.MeanPoolEncoder(_dir, 128, 4, out _));
        using var encoder = new AudioEncoder(model, s_mel, TimeSpan.FromSeconds(1));
        var input = Channel.CreateUnbounded<AudioChunk>();
        var output = Channel.CreateUnbounded<FeaturePacket>();
        var stage = Stage(encoder, input, output, hop: null);

        Task run = stage.Start();
        for (int k = 0; k < 10; k++)
            await input.Writer.WriteAsync(TestAudio.Chunk(stereo, k * 1_600, 1_600, k, 0, channels: 2));
        input.Writer.Complete();
        await run.WaitAsync(s_deadline);

        using var packet = Assert.Single(output.Reader.ReadAllAsync().ToBlockingEnumerable());
        float[] expected = encoder.Encode(speech.Select(v => v / 2).ToArray()).ToArray();
        float[] louder = encoder.Encode(speech).ToArray();
        for (int j = 0; j < 4; j++)
            Assert.Equal(expected[j], packet.Span[j], 1e-4f);
        Assert.NotEqual(louder, packet.Span.ToArray());
    }

    [Fact]
    public async Task A_chunk_at_the_wrong_rate_faults_the_stage_naming_the_stream()
    {
        float[] speech = TestWav.ReadMono16(RepoPaths.Media("goforward.wav"));
        using var model = new OnnxSessionFactory().Create(TestAudio.MeanPoolEncoder(_dir, 128, 4, out _));
        using var encoder = new AudioEncoder(model, s_mel, TimeSpan.FromMilliseconds(500));
        var input = Channel.CreateUnbounded<AudioChunk>();
        var output = Channel.CreateUnbounded<FeaturePacket>();
        var stage = Stage(encoder, input, output, hop: null);

        Task run = stage.Start();
        await input.Writer.WriteAsync(TestAudio.Chunk(speech, 0, 4_410, 0, 0, rate: 44_100, stream: "usb-mic"));
        input.Writer.Complete();
        await Record.ExceptionAsync(() => run.WaitAsync(s_deadline));
        Assert.Equal(StageState.Faulted, stage.State);
        Assert.Contains("usb-mic", stage.Error!.Message);
        Assert.Contains("44100 Hz", stage.Error.Message);
    }

    [Fact]
    public void Encode_allocates_nothing_after_warm_up_and_refuses_a_wrong_window_length()
    {
        float[] speech = TestWav.ReadMono16(RepoPaths.Media("goforward.wav"));
        using var model = new OnnxSessionFactory().Create(TestAudio.MeanPoolEncoder(_dir, 128, 4, out _));
        using var encoder = new AudioEncoder(model, s_mel, TimeSpan.FromMilliseconds(250));
        encoder.Encode(speech.AsSpan(0, 4_000));   // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i <= 4; i++)
            encoder.Encode(speech.AsSpan(i * 4_000, 4_000));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(speech.AsSpan(0, 3_999)));
        Assert.Contains("4000 samples", error.Message);
    }

    [Fact]
    public void An_encoder_whose_input_does_not_take_the_mel_bins_is_refused_with_the_model_path()
    {
        string path = TestAudio.MeanPoolEncoder(_dir, 64, 4, out _);
        using var model = new OnnxSessionFactory().Create(path);
        var error = Assert.Throws<ArgumentException>(() => new AudioEncoder(model, s_mel, TimeSpan.FromSeconds(1)));
        Assert.Contains("audio-tiny.onnx", error.Message);
        Assert.Contains("128 mels", error.Message);
    }
}
