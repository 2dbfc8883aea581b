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
        using var image = FrameMats.ToBgrMat(frame, maxWidth, out _);
        string text = float.IsNaN(score) ? $"{label} -" : string.Create(CultureInfo.InvariantCulture, $"{label} {score:0.00}");
        var colour = !float.IsNaN(score) && score >= threshold ? new Scalar(0, 0, 255) : new Scalar(0, 200, 0);
        double scale = Math.Max(0.35, image.Width / 640.0 * 0.8);
        FrameMats.DrawLabel(image, text, new Point(0, 0), above: false, scale, Math.Max(1, (int)Math.Round(scale * 2)), colour, padding: 6);
        return FrameMats.EncodeJpeg(image, quality);
    }
}
