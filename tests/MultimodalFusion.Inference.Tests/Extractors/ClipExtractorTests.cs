using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Onnx;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Inference.Tests.Extractors;

public sealed class ClipExtractorTests : IDisposable
{
    private const int Size = 16, Features = 6, T = ClipExtractor.DefaultFrameCount;
    private const long Span = 1_920_000;   // 1.92 s window: 48 frames at 25 fps
    private readonly string _dir = RepoPaths.NewTempDir("mmf-clip");
    private readonly List<VideoFrame> _frames = [];

    public void Dispose()
    {
        foreach (VideoFrame f in _frames)
            f.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Clip stand-in: x [batch, T, 3, s, s] -> mean over T, H, W -> MatMul to <paramref name="features"/>.</summary>
    internal static string ClipGraph(string dir, int size, int features, out float[] weights)
    {
        weights = TestGraphs.Weights(3 * features, seed: 7);
        var b = new OnnxGraphBuilder("clip-tiny");
        b.AddInput("clip", OnnxElementType.Float, "batch", T, 3, size, size);
        b.AddInitializer("w", weights, 3, features);
        // Spatial mean per frame first, then the temporal mean: short float sums keep ORT within 1e-5 of a double reference.
        b.AddNode("ReduceMean", ["clip"], ["spatial"]).Attribute("axes", [3L, 4L]).Attribute("keepdims", 0L);
        b.AddNode("ReduceMean", ["spatial"], ["pooled"]).Attribute("axes", [1L]).Attribute("keepdims", 0L);
        b.AddNode("MatMul", ["pooled", "w"], ["features"]);
        b.AddOutput("features", OnnxElementType.Float, "batch", features);
        string path = Path.Combine(dir, "clip-tiny.onnx");
        b.Save(path);
        return path;
    }

    /// <summary>The first <paramref name="count"/> frames of Megamind.avi, stamped every <paramref name="stepMicros"/>.</summary>
    private List<VideoFrame> Megamind(int count, long stepMicros)
    {
        string path = RepoPaths.Media("Megamind.avi");
        using var capture = new VideoCapture(path);
        Assert.True(capture.IsOpened(), $"{path}: OpenCV could not open the video.");
        var frames = new List<VideoFrame>();
        using var mat = new Mat();
        for (int i = 0; i < count; i++)
        {
            Assert.True(capture.Read(mat) && !mat.Empty(), $"{path}: frame {i} could not be read.");
            using VideoFrame decoded = TestImages.FromMat(mat, "megamind");
            var copy = BufferPool<byte>.Shared.Rent(decoded.Span.Length);
            decoded.Span.CopyTo(copy.Span);
            var frame = new VideoFrame(copy, decoded.Width, decoded.Height, decoded.Format, "megamind", i, i * stepMicros, null);
            frames.Add(frame);
            _frames.Add(frame);
        }
        return frames;
    }

    /// <summary>Straightforward double-precision reference: mean per channel over the picked frames, then x·W.</summary>
    private static double[] Reference(ImageNormalization norm, IReadOnlyList<VideoFrame> frames, int[] picks, float[] w)
    {
        var pre = new ImagePreprocessor(norm);
        var image = new float[norm.SampleLength];
        var mean = new double[3];
        int plane = norm.Width * norm.Height;
        foreach (int p in picks)
        {
            pre.Write(frames[p], image);
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < plane; i++)
                    mean[c] += image[c * plane + i];
        }
        for (int c = 0; c < 3; c++)
            mean[c] /= (double)picks.Length * plane;
        var y = new double[w.Length / 3];
        for (int j = 0; j < y.Length; j++)
            for (int c = 0; c < 3; c++)
                y[j] += mean[c] * w[c * y.Length + j];
        return y;
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"feature {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void Clip_features_match_a_reference_for_48_and_5_frame_windows_and_steady_state_allocates_nothing()
    {
        using var model = new OnnxSessionFactory().Create(ClipGraph(_dir, Size, Features, out float[] w));
        var norm = new ImageNormalization { Width = Size, Height = Size };
        using var extractor = new ClipExtractor(model, norm);
        List<VideoFrame> dense = Megamind(48, Span / 48);
        // The 5-frame window stretches the first 5 frames over the same span: copies re-stamped every Span / 5.
        List<VideoFrame> sparse = dense.Take(5).Select((f, i) => Restamp(f, i * (Span / 5))).ToList();

        Assert.True(extractor.TryExtract(dense, 0, Span, out ReadOnlySpan<float> features));
        int[] densePicks = extractor.LastSampledIndices.ToArray();
        Assert.Equal(Enumerable.Range(0, T).Select(k => 3 * k + 1), densePicks);
        double[] denseExpected = Reference(norm, dense, densePicks, w);
        AssertClose(denseExpected, features);
        Assert.Contains(denseExpected, v => Math.Abs(v) > 1e-3);

        Assert.True(extractor.TryExtract(sparse, 0, Span, out features));
        int[] sparsePicks = extractor.LastSampledIndices.ToArray();
        Assert.Equal([0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4], sparsePicks);
        double[] sparseExpected = Reference(norm, sparse, sparsePicks, w);
        AssertClose(sparseExpected, features);
        Assert.NotEqual(denseExpected[0], sparseExpected[0], 1e-4);   // different frames really reached the model

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            extractor.TryExtract(i % 2 == 0 ? dense : sparse, 0, Span, out _);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private VideoFrame Restamp(VideoFrame f, long micros)
    {
        var copy = BufferPool<byte>.Shared.Rent(f.Span.Length);
        f.Span.CopyTo(copy.Span);
        var frame = new VideoFrame(copy, f.Width, f.Height, f.Format, f.StreamId, f.Sequence, micros, null);
        _frames.Add(frame);
        return frame;
    }

    [Fact]
    public void A_span_without_frames_is_absent()
    {
        using var model = new OnnxSessionFactory().Create(ClipGraph(_dir, Size, Features, out _));
        using var extractor = new ClipExtractor(model, new ImageNormalization { Width = Size, Height = Size });
        List<VideoFrame> frames = Megamind(3, 40_000);   // at 0, 40 and 80 ms

        Assert.False(extractor.TryExtract([], 0, Span, out ReadOnlySpan<float> none));
        Assert.True(none.IsEmpty);
        Assert.False(extractor.TryExtract(frames, 100_000, 200_000, out none));   // all frames before the span
        Assert.False(extractor.TryExtract(frames, -50_000, 0, out none));         // end is exclusive
        Assert.True(extractor.TryExtract(frames, 0, 100_000, out ReadOnlySpan<float> some));
        Assert.Equal(Features, some.Length);
    }

    [Fact]
    public void Clip_length_mismatch_fails_naming_the_model()
    {
        string path = ClipGraph(_dir, Size, Features, out _);
        using var model = new OnnxSessionFactory().Create(path);
        var ex = Assert.Throws<ArgumentException>(() => new ClipExtractor(model, new ImageNormalization { Width = Size, Height = Size }, frameCount: 8));
        Assert.Contains(path, ex.Message);
        Assert.Contains("expected NTCHW [batch, 8, 3, 16, 16]", ex.Message);
    }
}
