using MultimodalFusion.Core.Packets;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Clips;

/// <summary>Copies a <see cref="VideoFrame"/>'s pixels into an OpenCV BGR image.</summary>
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
