using System.Threading.Channels;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Inference.Tests.Text;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Stages;

public sealed class FeatureStageTests(MiniLmFixture minilm) : IClassFixture<MiniLmFixture>, IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private readonly string _dir = RepoPaths.NewTempDir("mmf-stages");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static VideoFrame Frame(string image, long sequence)
    {
        using var loaded = TestImages.Load(image);
        var copy = BufferPool<byte>.Shared.Rent(loaded.Span.Length);
        loaded.Span.CopyTo(copy.Span);
        return new VideoFrame(copy, loaded.Width, loaded.Height, loaded.Format, "cam", sequence, captureMicros: sequence * 100_000, ptsMicros: null);
    }

    [Fact]
    public async Task Image_stage_with_face_crop_emits_features_for_frames_with_a_face_only()
    {
        using var model = new OnnxSessionFactory().Create(TestGraphs.ImageExtractor(_dir, 64, features: 8));
        var norm = new ImageNormalization { Width = 64, Height = 64 };
        using var extractor = new ImageExtractor(model, norm);
        using var detector = new HaarFaceDetector();
        var input = Channel.CreateUnbounded<VideoFrame>();
        var output = Channel.CreateUnbounded<FeaturePacket>();
        var stage = new ImageFeatureStage("image", input.Reader, output.Writer, new StageMetrics("image", MonotonicClock.Instance),
            extractor, new FaceCropper(detector));

        Task run = stage.Start();
        foreach (var (image, seq) in new[] { ("astronaut.png", 0L), ("chelsea.png", 1L), ("astronaut.png", 2L) })
            await input.Writer.WriteAsync(Frame(image, seq));
        input.Writer.Complete();
        await run.WaitAsync(s_deadline);

        var packets = new List<FeaturePacket>();
        await foreach (var p in output.Reader.ReadAllAsync())
            packets.Add(p);
        Assert.Equal([0L, 2L], packets.Select(p => p.Sequence));
        Assert.Equal(200_000, packets[1].StartMicros);
        Assert.Equal(1, stage.FramesWithoutFace);

        using var reference = Frame("astronaut.png", 9);
        var crop = new FaceCropper(detector).Crop(reference)!.Value;
        float[] expected = extractor.Extract(reference, crop).ToArray();
        Assert.Equal(expected, packets[0].Span.ToArray());
        Assert.Equal(Modality.Video, packets[0].Modality);
        foreach (var p in packets)
            p.Dispose();
    }

    [Fact]
    public async Task Text_stage_embeds_final_segments_and_skips_partials()
    {
        var input = Channel.CreateUnbounded<TranscriptSegment>();
        var output = Channel.CreateUnbounded<FeaturePacket>();
        var stage = new TextFeatureStage("text", input.Reader, output.Writer, new StageMetrics("text", MonotonicClock.Instance), minilm.Encoder);

        Task run = stage.Start();
        await input.Writer.WriteAsync(new TranscriptSegment("asr", 0, 0, 1_000_000, "go forward", IsFinal: false));
        await input.Writer.WriteAsync(new TranscriptSegment("asr", 1, 0, 2_000_000, "go forward ten meters"));
        await input.Writer.WriteAsync(new TranscriptSegment("asr", 2, 2_000_000, 2_500_000, "   "));
        input.Writer.Complete();
        await run.WaitAsync(s_deadline);

        var packet = Assert.Single(output.Reader.ReadAllAsync().ToBlockingEnumerable());
        using (packet)
        {
            Assert.Equal(1, packet.Sequence);
            Assert.Equal((0L, 2_000_000L), (packet.StartMicros, packet.EndMicros));
            Assert.Equal(Modality.Text, packet.Modality);
            Assert.Equal(minilm.Encoder.Encode("go forward ten meters"), packet.Span.ToArray());
        }
    }
}
