using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Inference.Tests;

/// <summary>Real photos from .media/ as BGR <see cref="VideoFrame"/>s; the caller disposes the frame.</summary>
internal static class TestImages
{
    public static VideoFrame Load(string name)
    {
        string path = RepoPaths.Media(name);
        using var mat = Cv2.ImRead(path, ImreadModes.Color);
        if (mat.Empty())
            throw new FileNotFoundException($"{path}: OpenCV could not read the image.", path);
        return FromMat(mat, name);
    }

    public static VideoFrame FromMat(Mat bgr, string streamId)
    {
        int bytes = bgr.Width * bgr.Height * 3;
        var buffer = BufferPool<byte>.Shared.Rent(bytes);
        using (var continuous = bgr.IsContinuous() ? bgr.Clone() : bgr.Clone())
        {
            System.Runtime.InteropServices.Marshal.Copy(continuous.Data, buffer.Array, 0, bytes);
        }
        return new VideoFrame(buffer, bgr.Width, bgr.Height, PixelFormat.Bgr24, streamId, 0, 0, null);
    }
}
