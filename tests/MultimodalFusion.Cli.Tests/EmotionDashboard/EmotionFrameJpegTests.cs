using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;
using OpenCvSharp;

namespace MultimodalFusion.Cli.Tests.EmotionDashboard;

/// <summary>The dashboard frame of the emotion monitor: scaled, the face box drawn where the face is, the label readable.</summary>
public sealed class EmotionFrameJpegTests
{
    internal static VideoFrame GreyFrame(int width, int height, long captureMicros = 0)
    {
        var pixels = BufferPool<byte>.Shared.Rent(PixelFormat.Bgr24.FrameBytes(width, height));
        pixels.Span.Fill(128);
        return new VideoFrame(pixels, width, height, PixelFormat.Bgr24, "cam", 1, captureMicros, null);
    }

    [Fact]
    public void The_face_box_is_drawn_at_the_scaled_face_and_the_label_above_it()
    {
        using var frame = GreyFrame(1280, 960);
        byte[] jpeg = EmotionFrameJpeg.Encode(frame, new PixelRect(400, 400, 400, 400), "Happiness 62%", maxWidth: 640);

        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal((640, 480), (image.Width, image.Height));
        Vec3b edge = image.At<Vec3b>(300, 200);      // left edge of the box (x 200, y 200..400 after halving)
        Assert.True(edge.Item1 > edge.Item2 + 60, $"box edge is green: BGR {edge.Item0},{edge.Item1},{edge.Item2}");
        Vec3b inside = image.At<Vec3b>(300, 300);
        Assert.InRange(inside.Item1, 110, 146);        // untouched grey inside the box
        Assert.True(Dark(image, 190, 202), "the label's dark box sits just above the face box");
        Assert.InRange(image.At<Vec3b>(20, 600).Item1, 110, 146); // the top right corner stays grey
        Assert.Equal(128, frame.Span[(600 * 1280 + 400) * 3 + 1]); // the frame itself is not drawn on (under the box's left edge)
    }

    [Fact]
    public void Without_a_face_the_label_says_so_top_left_and_a_small_frame_is_not_scaled()
    {
        using var frame = GreyFrame(320, 240);
        byte[] jpeg = EmotionFrameJpeg.Encode(frame, null, "Sadness 40%");

        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal((320, 240), (image.Width, image.Height));
        Assert.True(Dark(image, 2, 2), "the label box is top left");
        Assert.InRange(image.At<Vec3b>(200, 300).Item1, 110, 146);
        byte[] bare = EmotionFrameJpeg.Encode(frame, null, null);
        Assert.NotEqual(jpeg, bare); // "no face" alone is a shorter label
    }

    private static bool Dark(Mat image, int row, int column)
    {
        Vec3b p = image.At<Vec3b>(row, column);
        return p.Item0 < 40 && p.Item1 < 40 && p.Item2 < 40;
    }
}
