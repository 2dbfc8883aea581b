using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Tests.EmotionHooks;

/// <summary>The frame tap with the real Haar detector on real frames: the observer gets the face box where there is a face.</summary>
public sealed class EmotionFrameTapFaceTests
{
    [Fact]
    public async Task Frames_of_Megamind_come_with_a_face_box_inside_the_frame_and_the_cat_without_one()
    {
        using var detector = new HaarFaceDetector();
        var clock = new ManualClock();
        var primary = Channel.CreateUnbounded<ITimedPacket>();
        var boxes = new List<(string Source, PixelRect? Face, int Width, int Height)>();
        var tap = new EmotionFrameTap(primary.Writer, (source, frame, face) =>
        {
            lock (boxes)
                boxes.Add((source, face, frame.Width, frame.Height));
        }, TimeSpan.Zero, detector, clock, NullLogger.Instance);

        using (var capture = new VideoCapture(RepoPaths.Media("Megamind.avi")))
        using (var mat = new Mat())
        {
            for (int i = 0; i < 40 && capture.Read(mat) && !mat.Empty(); i++)
            {
                if (i % 4 != 0)
                    continue;   // 10 frames over the first 1.6 s
                await WriteAndWaitAsync(tap, boxes, ToFrame(mat, "Megamind.avi", i));
            }
        }
        using (var cat = Cv2.ImRead(RepoPaths.Media("chelsea.png")))
            await WriteAndWaitAsync(tap, boxes, ToFrame(cat, "chelsea.png", 100));
        tap.TryComplete();
        await tap.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        while (primary.Reader.TryRead(out var packet))
            ((VideoFrame)packet).Dispose();

        var megamind = boxes.Where(b => b.Source == "Megamind.avi").ToList();
        Assert.Equal(10, megamind.Count);
        Assert.True(megamind.Count(b => b.Face is not null) >= 7, $"faces in {megamind.Count(b => b.Face is not null)} of 10 Megamind frames");
        Assert.All(megamind.Where(b => b.Face is not null), b => Assert.True(b.Face!.Value.FitsIn(b.Width, b.Height) && b.Face.Value.Width >= 30, $"box {b.Face}"));
        Assert.Null(Assert.Single(boxes, b => b.Source == "chelsea.png").Face);
    }

    private static async Task WriteAndWaitAsync(EmotionFrameTap tap, List<(string, PixelRect?, int, int)> seen, VideoFrame frame)
    {
        int before;
        lock (seen)
            before = seen.Count;
        await tap.WriteAsync(frame);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            lock (seen)
                if (seen.Count > before) return;
            Assert.True(DateTime.UtcNow < deadline, "the observer saw no frame within 30 s");
            await Task.Delay(5);
        }
    }

    private static VideoFrame ToFrame(Mat bgr, string source, long sequence)
    {
        int bytes = PixelFormat.Bgr24.FrameBytes(bgr.Width, bgr.Height);
        var pixels = BufferPool<byte>.Shared.Rent(bytes);
        using (var packed = bgr.Clone())   // a clone is continuous: rows packed back to back
        {
            unsafe
            {
                new ReadOnlySpan<byte>((void*)packed.Data, bytes).CopyTo(pixels.Span);
            }
        }
        // Media time 1 s apart: every frame is due with a zero interval anyway.
        return new VideoFrame(pixels, bgr.Width, bgr.Height, PixelFormat.Bgr24, source, sequence, sequence * 1_000_000, null);
    }
}
