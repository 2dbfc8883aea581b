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
    private const int Padding = 5;   // pixels around the label text

    /// <summary>
    /// Encodes <paramref name="frame"/> (read during the call only; not kept), scaled down to at most
    /// <paramref name="maxWidth"/> pixels wide, with <paramref name="face"/> (frame pixels) outlined and
    /// <paramref name="label"/> (e.g. "Happiness 62%") written above it, or top left when there is no face
    /// ("no face" is added then). Returns new JPEG bytes.
    /// </summary>
    public static byte[] Encode(VideoFrame frame, PixelRect? face, string? label, int maxWidth = 640, int quality = 75)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quality);
        using var image = FrameMats.ToBgrMat(frame, maxWidth, out double factor);
        double fontScale = Math.Max(0.35, image.Width / 640.0 * 0.7);
        int thickness = Math.Max(1, (int)Math.Round(fontScale * 2));
        if (face is { } f)
        {
            var box = new Rect((int)Math.Round(f.X * factor), (int)Math.Round(f.Y * factor),
                Math.Max(1, (int)Math.Round(f.Width * factor)), Math.Max(1, (int)Math.Round(f.Height * factor)));
            Cv2.Rectangle(image, box, s_box, thickness + 1, LineTypes.AntiAlias);
            if (!string.IsNullOrEmpty(label))
                FrameMats.DrawLabel(image, label, new Point(box.X, box.Y), above: true, fontScale, thickness, s_text, Padding);
        }
        else
        {
            FrameMats.DrawLabel(image, string.IsNullOrEmpty(label) ? "no face" : label + " (no face)", new Point(0, 0), above: false, fontScale,
                thickness, s_text, Padding);
        }
        return FrameMats.EncodeJpeg(image, quality);
    }
}
