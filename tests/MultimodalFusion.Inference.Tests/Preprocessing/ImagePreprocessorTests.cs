using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;
using OpenCvSharp;

namespace MultimodalFusion.Inference.Tests.Preprocessing;

public sealed class ImagePreprocessorTests
{
    [Theory]
    [InlineData(224, 224, true)]    // downscale 640x480 -> square, RGB
    [InlineData(96, 64, false)]     // non-square, BGR kept
    [InlineData(800, 600, true)]    // upscale
    public void Matches_reference_and_opencv_within_1e5(int width, int height, bool rgb)
    {
        using var frame = TestImages.Load("messi5.jpg");
        var norm = new ImageNormalization { Width = width, Height = height, Rgb = rgb };
        var full = new PixelRect(0, 0, frame.Width, frame.Height);
        var output = new float[norm.SampleLength];

        new ImagePreprocessor(norm).Write(frame, output);

        AssertClose(Reference(frame, full, norm), output, 1e-5f);
        AssertClose(OpenCvReference(frame, full, norm), output, 1e-5f);
    }

    [Fact]
    public void Crop_matches_opencv_on_the_cropped_region()
    {
        using var frame = TestImages.Load("astronaut.png");
        var norm = new ImageNormalization { Width = 112, Height = 112 };
        var crop = new PixelRect(170, 40, 150, 150);
        var output = new float[norm.SampleLength];

        new ImagePreprocessor(norm).Write(frame, crop, output);

        AssertClose(Reference(frame, crop, norm), output, 1e-5f);
        AssertClose(OpenCvReference(frame, crop, norm), output, 1e-5f);
    }

    [Fact]
    public void Same_size_gives_exact_known_numbers()
    {
        // 2x1 BGR image: pixel 0 pure blue, pixel 1 mid grey.
        byte[] pixels = [255, 0, 0, 128, 128, 128];
        var norm = new ImageNormalization { Width = 2, Height = 1, Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] };
        var output = new float[6];

        new ImagePreprocessor(norm).Write(pixels, 2, 1, PixelFormat.Bgr24, new PixelRect(0, 0, 2, 1), output);

        // Planes R, G, B; (v/255 - 0.5) / 0.5.
        float grey = (128f / 255 - 0.5f) / 0.5f;
        Assert.Equal([-1f, grey, -1f, grey, 1f, grey], output.Select(v => MathF.Round(v, 6)).ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Bad_crop_and_short_destination_fail_clearly()
    {
        var pre = new ImagePreprocessor(new ImageNormalization { Width = 4, Height = 4 });
        byte[] pixels = new byte[10 * 10 * 3];
        var crop = Assert.Throws<ArgumentOutOfRangeException>(() => pre.Write(pixels, 10, 10, PixelFormat.Bgr24, new PixelRect(5, 5, 10, 2), new float[48]));
        Assert.Contains("outside the 10x10 frame", crop.Message);
        var dest = Assert.Throws<ArgumentException>(() => pre.Write(pixels, 10, 10, PixelFormat.Bgr24, new PixelRect(0, 0, 10, 10), new float[47]));
        Assert.Contains("48 needed", dest.Message);
    }

    [Fact]
    public void Steady_state_allocates_nothing()
    {
        using var frame = TestImages.Load("messi5.jpg");
        var norm = new ImageNormalization { Width = 224, Height = 224 };
        var pre = new ImagePreprocessor(norm);
        var output = new float[norm.SampleLength];
        pre.Write(frame, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
            pre.Write(frame, new PixelRect(i, i, 300, 300), output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Straightforward double-precision reference: bilinear with pixel centres, clamped at the edges.</summary>
    internal static float[] Reference(VideoFrame frame, PixelRect crop, ImageNormalization norm)
    {
        byte[] px = frame.Pixels.Array;
        double Pixel(int x, int y, int bgrChannel) =>
            px[((crop.Y + Math.Clamp(y, 0, crop.Height - 1)) * frame.Width + crop.X + Math.Clamp(x, 0, crop.Width - 1)) * 3 + bgrChannel];
        var result = new float[norm.SampleLength];
        int plane = norm.Width * norm.Height;
        for (int y = 0; y < norm.Height; y++)
        {
            double fy = Math.Max((y + 0.5) * crop.Height / norm.Height - 0.5, 0);
            int y0 = (int)fy;
            double wy = fy - y0;
            for (int x = 0; x < norm.Width; x++)
            {
                double fx = Math.Max((x + 0.5) * crop.Width / norm.Width - 0.5, 0);
                int x0 = (int)fx;
                double wx = fx - x0;
                for (int c = 0; c < 3; c++)
                {
                    int src = norm.Rgb ? 2 - c : c;
                    double v = (1 - wy) * ((1 - wx) * Pixel(x0, y0, src) + wx * Pixel(x0 + 1, y0, src))
                        + wy * ((1 - wx) * Pixel(x0, y0 + 1, src) + wx * Pixel(x0 + 1, y0 + 1, src));
                    result[c * plane + y * norm.Width + x] = (float)((v / 255 - norm.Mean[c]) / norm.Std[c]);
                }
            }
        }
        return result;
    }

    /// <summary>OpenCV reference: crop, convert to float, INTER_LINEAR resize, then per-channel (v/255 - mean)/std.</summary>
    internal static float[] OpenCvReference(VideoFrame frame, PixelRect crop, ImageNormalization norm)
    {
        using var mat = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, frame.Pixels.Array);
        using var roi = new Mat(mat, new Rect(crop.X, crop.Y, crop.Width, crop.Height));
        using var f = new Mat();
        roi.ConvertTo(f, MatType.CV_32FC3);
        using var resized = new Mat();
        Cv2.Resize(f, resized, new Size(norm.Width, norm.Height), 0, 0, InterpolationFlags.Linear);
        var result = new float[norm.SampleLength];
        int plane = norm.Width * norm.Height;
        for (int y = 0; y < norm.Height; y++)
        {
            for (int x = 0; x < norm.Width; x++)
            {
                var bgr = resized.At<Vec3f>(y, x);
                for (int c = 0; c < 3; c++)
                {
                    float v = norm.Rgb ? bgr[2 - c] : bgr[c];
                    result[c * plane + y * norm.Width + x] = (v / 255f - norm.Mean[c]) / norm.Std[c];
                }
            }
        }
        return result;
    }

    internal static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            float d = Math.Abs(expected[i] - actual[i]);
            if (d > worst)
                (worst, at) = (d, i);
        }
        Assert.True(worst <= tolerance, $"max abs diff {worst} at {at} (expected {(at >= 0 ? expected[at] : 0)}, got {(at >= 0 ? actual[at] : 0)})");
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
