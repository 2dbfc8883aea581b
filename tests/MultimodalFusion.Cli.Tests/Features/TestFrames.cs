using System.Runtime.InteropServices;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using OpenCvSharp;

namespace MultimodalFusion.Cli.Tests.Features;

/// <summary>Frames read independently of the code under test: an image file, or every frame of a video stamped i / fps.</summary>
internal static class TestFrames
{
    public static VideoFrame FromImage(string path, long micros)
    {
        using var mat = Cv2.ImRead(path, ImreadModes.Color);
        Assert.False(mat.Empty(), path);
        return ToFrame(mat, 0, micros);
    }

    /// <summary>Every frame of <paramref name="videoPath"/>; the caller disposes them.</summary>
    public static List<VideoFrame> FromVideo(string videoPath, double fps)
    {
        var frames = new List<VideoFrame>();
        using var capture = new VideoCapture(videoPath);
        using var mat = new Mat();
        while (capture.Read(mat) && !mat.Empty())
            frames.Add(ToFrame(mat, frames.Count, (long)Math.Round(frames.Count * 1_000_000.0 / fps)));
        return frames;
    }

    private static VideoFrame ToFrame(Mat mat, long sequence, long micros)
    {
        using Mat packed = mat.Clone();   // a clone is continuous
        int bytes = packed.Cols * packed.Rows * 3;
        var buffer = BufferPool<byte>.Shared.Rent(bytes);
        byte[] copy = new byte[bytes];
        Marshal.Copy(packed.Data, copy, 0, bytes);
        copy.CopyTo(buffer.Span);
        return new VideoFrame(buffer, packed.Cols, packed.Rows, PixelFormat.Bgr24, "test", sequence, micros, micros);
    }
}
