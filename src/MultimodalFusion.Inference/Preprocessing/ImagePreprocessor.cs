using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Inference.Preprocessing;

/// <summary>
/// Packed 8-bit frame (BGR, RGB or grey) -> crop -> bilinear resize -> planar float NCHW with mean/std, in one pass
/// and without allocating: the per-column tables are sized once at construction.
/// </summary>
/// <remarks>
/// Bilinear sampling uses pixel centres (<c>src = (dst + 0.5) * scale - 0.5</c>, clamped at the edges), the same
/// convention as OpenCV's INTER_LINEAR on float images. Not thread-safe (the tables are reused): one per caller.
/// </remarks>
public sealed class ImagePreprocessor
{
    private readonly ImageNormalization _norm;
    private readonly int[] _x0, _x1;
    private readonly float[] _wx;
    private readonly float[] _scale = new float[3];   // per output channel: 1 / (255 * std)
    private readonly float[] _offset = new float[3];  // per output channel: -mean / std

    /// <summary>Creates a preprocessor for <paramref name="normalization"/>.</summary>
    public ImagePreprocessor(ImageNormalization normalization)
    {
        normalization.Validate();
        _norm = normalization;
        _x0 = new int[normalization.Width];
        _x1 = new int[normalization.Width];
        _wx = new float[normalization.Width];
        for (int c = 0; c < 3; c++)
        {
            _scale[c] = 1f / (255f * normalization.Std[c]);
            _offset[c] = -normalization.Mean[c] / normalization.Std[c];
        }
    }

    /// <summary>The output settings.</summary>
    public ImageNormalization Normalization => _norm;

    /// <summary>Writes the whole frame into <paramref name="destination"/> (3 * Height * Width floats, planar).</summary>
    public void Write(VideoFrame frame, Span<float> destination) =>
        Write(frame.Span, frame.Width, frame.Height, frame.Format, new PixelRect(0, 0, frame.Width, frame.Height), destination);

    /// <summary>Writes the <paramref name="crop"/> region of the frame into <paramref name="destination"/>.</summary>
    public void Write(VideoFrame frame, PixelRect crop, Span<float> destination) =>
        Write(frame.Span, frame.Width, frame.Height, frame.Format, crop, destination);

    /// <summary>Writes the <paramref name="crop"/> region of packed <paramref name="pixels"/> into <paramref name="destination"/>.</summary>
    public void Write(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, PixelRect crop, Span<float> destination)
    {
        int bpp = format.BytesPerPixel();
        if (pixels.Length < width * height * bpp)
            throw new ArgumentException($"A {width}x{height} {format} image needs {width * height * bpp} bytes; got {pixels.Length}.", nameof(pixels));
        if (!crop.FitsIn(width, height))
            throw new ArgumentOutOfRangeException(nameof(crop), $"Crop {crop} is empty or outside the {width}x{height} frame.");
        int outW = _norm.Width, outH = _norm.Height, plane = outW * outH;
        if (destination.Length < 3 * plane)
            throw new ArgumentException($"Destination holds {destination.Length} floats; {3 * plane} needed.", nameof(destination));

        // Source byte offset of output channel c within a pixel: planes in RGB (or BGR) order from BGR/RGB/grey input.
        bool srcBgr = format == PixelFormat.Bgr24;
        int c0 = bpp == 1 ? 0 : (_norm.Rgb == srcBgr ? 2 : 0), c1 = bpp == 1 ? 0 : 1, c2 = bpp == 1 ? 0 : 2 - c0;

        // Source positions and fractions in double: a float position of ~500 keeps only ~3e-5 of its fraction.
        double sx = (double)crop.Width / outW, sy = (double)crop.Height / outH;
        for (int x = 0; x < outW; x++)
        {
            double fx = Math.Max((x + 0.5) * sx - 0.5, 0);
            int ix = Math.Min((int)fx, crop.Width - 1);
            _wx[x] = ix < crop.Width - 1 ? (float)(fx - ix) : 0f;
            _x0[x] = (crop.X + ix) * bpp;
            _x1[x] = (crop.X + Math.Min(ix + 1, crop.Width - 1)) * bpp;
        }
        int stride = width * bpp;
        Span<float> r = destination[..plane], g = destination.Slice(plane, plane), b = destination.Slice(2 * plane, plane);
        for (int y = 0; y < outH; y++)
        {
            double fy = Math.Max((y + 0.5) * sy - 0.5, 0);
            int iy = Math.Min((int)fy, crop.Height - 1);
            float wy = iy < crop.Height - 1 ? (float)(fy - iy) : 0f;
            ReadOnlySpan<byte> row0 = pixels.Slice((crop.Y + iy) * stride, stride);
            ReadOnlySpan<byte> row1 = pixels.Slice((crop.Y + Math.Min(iy + 1, crop.Height - 1)) * stride, stride);
            int o = y * outW;
            for (int x = 0; x < outW; x++)
            {
                int a0 = _x0[x], a1 = _x1[x];
                float wx = _wx[x];
                r[o + x] = Sample(row0, row1, a0 + c0, a1 + c0, wx, wy) * _scale[0] + _offset[0];
                g[o + x] = Sample(row0, row1, a0 + c1, a1 + c1, wx, wy) * _scale[1] + _offset[1];
                b[o + x] = Sample(row0, row1, a0 + c2, a1 + c2, wx, wy) * _scale[2] + _offset[2];
            }
        }
    }

    private static float Sample(ReadOnlySpan<byte> row0, ReadOnlySpan<byte> row1, int i0, int i1, float wx, float wy)
    {
        float top = row0[i0] * (1f - wx) + row0[i1] * wx;
        float bottom = row1[i0] * (1f - wx) + row1[i1] * wx;
        return top * (1f - wy) + bottom * wy;
    }
}
