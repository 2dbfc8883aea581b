using MultimodalFusion.Core.Packets;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Clips;

/// <summary>Copies a <see cref="VideoFrame"/>'s pixels into an OpenCV BGR image; the drawing and JPEG steps the previews share.</summary>
internal static class FrameMats
{
    /// <summary>
    /// A new 8-bit BGR Mat holding a copy of <paramref name="frame"/>'s pixels; the caller disposes it. The frame
    /// must stay alive during the call only (the Mat does not point into the pooled buffer afterwards).
    /// </summary>
    public static Mat ToBgrMat(VideoFrame frame)
    {
        var type = frame.Format == PixelFormat.Gray8 ? MatType.CV_8UC1 : MatType.CV_8UC3;
        var mat = new Mat(frame.Height, frame.Width, type);
        try
        {
            unsafe
            {
                frame.Span.CopyTo(new Span<byte>((void*)mat.Data, frame.Format.FrameBytes(frame.Width, frame.Height)));
            }
            if (frame.Format == PixelFormat.Bgr24)
                return mat;
            var bgr = new Mat();
            Cv2.CvtColor(mat, bgr, frame.Format == PixelFormat.Gray8 ? ColorConversionCodes.GRAY2BGR : ColorConversionCodes.RGB2BGR);
            mat.Dispose();
            return bgr;
        }
        catch
        {
            mat.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new BGR copy of <paramref name="frame"/> scaled down (area interpolation, aspect kept) to at most
    /// <paramref name="maxWidth"/> pixels wide; <paramref name="factor"/> is the scale applied (1 when not scaled).
    /// The caller disposes it.
    /// </summary>
    public static Mat ToBgrMat(VideoFrame frame, int maxWidth, out double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        var full = ToBgrMat(frame);
        factor = 1.0;
        if (full.Width <= maxWidth)
            return full;
        using (full)
        {
            factor = (double)maxWidth / full.Width;
            var scaled = new Mat();
            Cv2.Resize(full, scaled, new Size(maxWidth, (int)Math.Round(full.Height * factor)), interpolation: InterpolationFlags.Area);
            return scaled;
        }
    }

    /// <summary>
    /// Draws <paramref name="text"/> (Hershey simplex) in <paramref name="colour"/> on a filled black box, so it reads on
    /// any scene. The box's top-left corner is at <paramref name="anchor"/>, or its bottom-left when
    /// <paramref name="above"/>; it is kept inside the image, with <paramref name="padding"/> pixels around the text.
    /// </summary>
    public static void DrawLabel(Mat image, string text, Point anchor, bool above, double fontScale, int thickness, Scalar colour, int padding)
    {
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, fontScale, thickness, out int baseline);
        int width = size.Width + 2 * padding, height = size.Height + baseline + 2 * padding;
        int x = Math.Clamp(anchor.X, 0, Math.Max(0, image.Width - width));
        int y = Math.Clamp(above ? anchor.Y - height : anchor.Y, 0, Math.Max(0, image.Height - height));
        Cv2.Rectangle(image, new Rect(x, y, width, height), Scalar.Black, -1);
        Cv2.PutText(image, text, new Point(x + padding, y + size.Height + padding), HersheyFonts.HersheySimplex, fontScale, colour, thickness, LineTypes.AntiAlias);
    }

    /// <summary>New JPEG bytes of <paramref name="image"/> at <paramref name="quality"/> (1-100).</summary>
    public static byte[] EncodeJpeg(Mat image, int quality) => image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));

    /// <summary>
    /// Writes <paramref name="frame"/> as a JPEG at <paramref name="path"/> (directories created): first to a scratch
    /// file beside it (<c>*.tmp.jpg</c>), then renamed, so a reader or a kill never sees half an image.
    /// </summary>
    public static void WriteJpeg(VideoFrame frame, string path, int quality)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string scratch = Path.ChangeExtension(path, ".tmp.jpg");
        using var mat = ToBgrMat(frame);
        if (!Cv2.ImWrite(scratch, mat, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality)))
            throw new IOException($"Cannot write snapshot '{path}' of stream '{frame.StreamId}'.");
        File.Move(scratch, path, overwrite: true);
    }
}
