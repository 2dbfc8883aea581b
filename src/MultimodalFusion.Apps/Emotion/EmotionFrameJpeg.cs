using MultimodalFusion.Apps.Clips;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>A frame of the emotion monitor as a JPEG preview: the face box and the current top expression drawn on it.</summary>
/// <remarks>Thread-safe (no shared state). Cost on a 640x480 frame: a copy, a resize when wider than the limit, one JPEG encode (a few ms).</remarks>
public static class EmotionFrameJpeg
{
    // BGR colours: the face box in green, the label on a dark box so that it reads on any scene.
    private static readonly Scalar s_box = new(80, 220, 80);
    private static readonly Scalar s_text = new(255, 255, 255);

    /// <summary>
    /// Encodes <paramref name="frame"/> (read during the call only; not kept), scaled down to at most
    /// <paramref name="maxWidth"/> pixels wide, with <paramref name="face"/> (frame pixels) outlined and
    /// <paramref name="label"/> (e.g. "Happiness 62%") written above it, or top left when there is no face
    /// ("no face" is added then). Returns new JPEG bytes.
    /// </summary>
    public static byte[] Encode(VideoFrame frame, PixelRect? face, string? label, int maxWidth = 640, int quality = 75)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quality);
        using var full = FrameMats.ToBgrMat(frame);
        using var scaled = new Mat();
        var image = full;
        double factor = 1.0;
        if (full.Width > maxWidth)
        {
            factor = (double)maxWidth / full.Width;
            Cv2.Resize(full, scaled, new Size(maxWidth, (int)Math.Round(full.Height * factor)), interpolation: InterpolationFlags.Area);
            image = scaled;
        }
        double fontScale = Math.Max(0.35, image.Width / 640.0 * 0.7);
        int thickness = Math.Max(1, (int)Math.Round(fontScale * 2));
        if (face is { } f)
        {
            var box = new Rect((int)Math.Round(f.X * factor), (int)Math.Round(f.Y * factor),
                Math.Max(1, (int)Math.Round(f.Width * factor)), Math.Max(1, (int)Math.Round(f.Height * factor)));
            Cv2.Rectangle(image, box, s_box, thickness + 1, LineTypes.AntiAlias);
            if (!string.IsNullOrEmpty(label))
                Label(image, label, new Point(box.X, box.Y), fontScale, thickness, above: true);
        }
        else
        {
            Label(image, string.IsNullOrEmpty(label) ? "no face" : label + " (no face)", new Point(0, 0), fontScale, thickness, above: false);
        }
        return image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
    }

    // Draws text on a filled dark box whose corner is at `at` (its bottom-left when `above`, kept inside the image).
    private static void Label(Mat image, string text, Point at, double fontScale, int thickness, bool above)
    {
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, fontScale, thickness, out int baseline);
        int width = size.Width + 10, height = size.Height + baseline + 10;
        int x = Math.Clamp(at.X, 0, Math.Max(0, image.Width - width));
        int y = above ? at.Y - height : at.Y;
        y = Math.Clamp(y, 0, Math.Max(0, image.Height - height));
        Cv2.Rectangle(image, new Rect(x, y, width, height), Scalar.Black, -1);
        Cv2.PutText(image, text, new Point(x + 5, y + size.Height + 5), HersheyFonts.HersheySimplex, fontScale, s_text, thickness, LineTypes.AntiAlias);
    }
}
