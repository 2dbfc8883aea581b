using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Cheap per-frame features computed straight from pixels, for models whose per-frame input is global image statistics.</summary>
public static class FrameFeatures
{
    /// <summary>
    /// Mean of each colour channel in [0, 1], in blue, green, red order (grey frames give three equal values); the frame
    /// must be alive during the call only. Samples every <paramref name="step"/>-th pixel.
    /// </summary>
    public static float[] MeanBgr(VideoFrame frame, int step = 4)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
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
        return frame.Format == PixelFormat.Rgb24 ? [r * scale, g * scale, b * scale] : [b * scale, g * scale, r * scale];
    }
}
