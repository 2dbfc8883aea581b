using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Cheap per-frame features computed straight from pixels, for models whose per-frame input is global image statistics.</summary>
public static class FrameFeatures
{
    /// <summary>
    /// Mean of each colour channel in [0, 1], in blue, green, red order (grey frames give three equal values); the frame
    /// must be alive during the call only. Samples every <paramref name="step"/>-th pixel. Allocates the result.
    /// </summary>
    public static float[] MeanBgr(VideoFrame frame, int step = 4)
    {
        var result = new float[3];
        MeanBgr(frame, result, step);
        return result;
    }

    /// <summary>As <see cref="MeanBgr(VideoFrame, int)"/>, written into the first 3 floats of <paramref name="destination"/>.</summary>
    public static void MeanBgr(VideoFrame frame, Span<float> destination, int step = 4)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        if (destination.Length < 3)
            throw new ArgumentException($"Mean BGR needs 3 floats; the destination has {destination.Length}.", nameof(destination));
        var pixels = frame.Span;
        int bpp = frame.Format.BytesPerPixel();
        long b = 0, g = 0, r = 0, n = 0;
        for (int p = 0; p + bpp <= pixels.Length; p += bpp * step)
        {
            if (bpp == 1)
            {
                b += pixels[p];
                g += pixels[p];
                r += pixels[p];
            }
            else
            {
                b += pixels[p];
                g += pixels[p + 1];
                r += pixels[p + 2];
            }
            n++;
        }
        float scale = 1f / (255f * Math.Max(1, n));
        bool rgb = frame.Format == PixelFormat.Rgb24;
        destination[0] = (rgb ? r : b) * scale;
        destination[1] = g * scale;
        destination[2] = (rgb ? b : r) * scale;
    }
}
