using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using OpenCvSharp;

namespace MultimodalFusion.Capture.Video;

/// <summary>
/// Copies an OpenCV image into a pooled, packed bgr24 <see cref="VideoFrame"/>: the one Mat-to-frame copy of the
/// product (capture sources, the feature cache builder, the benchmarks).
/// </summary>
public static class MatCopy
{
    /// <summary>
    /// A new frame holding a packed copy of <paramref name="mat"/> (8-bit, 1 or 3 channels; grey is
    /// expanded to bgr24). The returned frame owns one reference to a buffer rented from
    /// <paramref name="pool"/>; the caller hands it on or disposes it. <paramref name="mat"/> is not kept.
    /// </summary>
    public static unsafe VideoFrame ToFrame(Mat mat, BufferPool<byte> pool, string streamId, long sequence, long captureMicros, long? ptsMicros)
    {
        if (mat.Type() == MatType.CV_8UC1)
        {
            using var bgr = new Mat();
            Cv2.CvtColor(mat, bgr, ColorConversionCodes.GRAY2BGR);
            return ToFrame(bgr, pool, streamId, sequence, captureMicros, ptsMicros);
        }
        if (mat.Type() != MatType.CV_8UC3)
            throw new NotSupportedException($"Unsupported OpenCV image type {mat.Type()}; expected 8-bit BGR.");
        int width = mat.Cols, height = mat.Rows;
        int rowBytes = width * 3;
        var buffer = pool.Rent(PixelFormat.Bgr24.FrameBytes(width, height));
        try
        {
            Span<byte> dst = buffer.Span;
            byte* src = (byte*)mat.Data;
            if (mat.IsContinuous())
            {
                new ReadOnlySpan<byte>(src, rowBytes * height).CopyTo(dst);
            }
            else
            {
                long step = mat.Step();
                for (int y = 0; y < height; y++)
                    new ReadOnlySpan<byte>(src + y * step, rowBytes).CopyTo(dst.Slice(y * rowBytes, rowBytes));
            }
            return new VideoFrame(buffer, width, height, PixelFormat.Bgr24, streamId, sequence, captureMicros, ptsMicros);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
