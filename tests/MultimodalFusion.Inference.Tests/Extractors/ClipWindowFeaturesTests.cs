using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Extractors;

public sealed class ClipWindowFeaturesTests : IDisposable
{
    private const int Size = 16, Features = 6;
    private readonly string _dir = RepoPaths.NewTempDir("mmf-clip-window");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static VideoFrame Frame(string image, long sequence, long micros)
    {
        using var loaded = TestImages.Load(image);
        var copy = BufferPool<byte>.Shared.Rent(loaded.Span.Length);
        loaded.Span.CopyTo(copy.Span);
        return new VideoFrame(copy, loaded.Width, loaded.Height, loaded.Format, "cam", sequence, micros, null);
    }

    [Fact]
    public void Each_slot_gets_the_clip_of_its_sub_span_and_a_slot_without_frames_is_absent()
    {
        using var model = new OnnxSessionFactory().Create(ClipExtractorTests.ClipGraph(_dir, Size, Features, out _));
        using var extractor = new ClipExtractor(model, new ImageNormalization { Width = Size, Height = Size });
        var features = new ClipWindowFeatures(extractor, "clip_seq", "clip_mask");

        // 25 fps photos over [0, 1 s) only, then one frame at 2.4 s: window 0 = [0, 2 s) has video in its first half only.
        var options = new AlignerOptions { Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(2), Expected = ModalityMask.Video };
        using var aligner = new WindowAligner(options, new ManualClock());
        for (int i = 0; i < 25; i++)
            aligner.Add(Frame(i % 3 == 0 ? "chelsea.png" : "astronaut.png", i, i * 40_000L));   // the aligner takes the frame over
        aligner.Add(Frame("messi5.jpg", 25, 2_400_000));
        aligner.Flush();
        var windows = new List<AlignedWindow>();
        while (aligner.TryDequeue(out AlignedWindow w))
            windows.Add(w);
        try
        {
            AlignedWindow window = windows.Single(w => w.StartMicros == 0);
            Assert.Equal(2_000_000, window.EndMicros);
            Assert.Equal(25, window.Video.Count);

            var sequence = new float[2 * Features];
            var mask = new bool[2];
            features.Fill(window, 2, sequence, mask);

            Assert.Equal([true, false], mask);
            Assert.True(extractor.TryExtract(window.Video, 0, 1_000_000, out ReadOnlySpan<float> expected));
            Assert.Equal(expected.ToArray(), sequence[..Features]);
            Assert.Contains(sequence[..Features], v => Math.Abs(v) > 1e-4);
            Assert.All(sequence[Features..], v => Assert.Equal(0f, v));   // absent slot left as the caller cleared it

            // One slot: the clip spans the whole window, so its samples spread twice as far apart (a different clip).
            float[] half = sequence[..Features];
            Array.Clear(sequence);
            features.Fill(window, 1, sequence.AsSpan(0, Features), mask.AsSpan(0, 1));
            Assert.True(extractor.TryExtract(window.Video, 0, 2_000_000, out expected));
            Assert.Equal(expected.ToArray(), sequence[..Features]);
            Assert.Equal(2, extractor.LastSampledIndices[0]);   // first target 62.5 ms: nearest frame at 80 ms
            Assert.All(extractor.LastSampledIndices[8..].ToArray(), p => Assert.Equal(24, p));   // targets past 1 s repeat the 0.96 s frame
            Assert.NotEqual(half, sequence[..Features]);
            Assert.Equal(Features, features.Dimensions);
        }
        finally
        {
            windows.ForEach(w => w.Dispose());
        }
    }
}
