using System.Globalization;
using MultimodalFusion.Apps.Clips;
using MultimodalFusion.Core.Packets;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Hosting;

/// <summary>A camera frame as a JPEG preview with its score drawn in the corner (for a dashboard tile).</summary>
/// <remarks>Thread-safe (no shared state). Cost on a 640x480 frame: a copy, a resize when wider than the limit, one JPEG encode (a few ms).</remarks>
public static class ScoredFrameJpeg
{
    /// <summary>
    /// Encodes <paramref name="frame"/> (read during the call only; not kept), scaled down to at most
    /// <paramref name="maxWidth"/> pixels wide, with "<paramref name="label"/> 0.93" drawn top left: red at or above
    /// <paramref name="threshold"/>, green below, "-" when <paramref name="score"/> is NaN. Returns new JPEG bytes.
    /// </summary>
    public static byte[] Encode(VideoFrame frame, float score, double threshold, string label = "violence", int maxWidth = 640, int quality = 75)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        using var full = FrameMats.ToBgrMat(frame);
        using var scaled = new Mat();
        var image = full;
        if (full.Width > maxWidth)
        {
            Cv2.Resize(full, scaled, new Size(maxWidth, (int)Math.Round(full.Height * (double)maxWidth / full.Width)), interpolation: InterpolationFlags.Area);
            image = scaled;
        }
        string text = float.IsNaN(score) ? $"{label} -" : string.Create(CultureInfo.InvariantCulture, $"{label} {score:0.00}");
        var colour = !float.IsNaN(score) && score >= threshold ? new Scalar(0, 0, 255) : new Scalar(0, 200, 0);
        double scale = Math.Max(0.35, image.Width / 640.0 * 0.8);
        int thickness = Math.Max(1, (int)Math.Round(scale * 2));
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, thickness, out int baseline);
        // A dark box under the text keeps it readable on any scene.
        Cv2.Rectangle(image, new Rect(0, 0, size.Width + 12, size.Height + baseline + 12), Scalar.Black, -1);
        Cv2.PutText(image, text, new Point(6, size.Height + 6), HersheyFonts.HersheySimplex, scale, colour, thickness, LineTypes.AntiAlias);
        return image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
    }
}
