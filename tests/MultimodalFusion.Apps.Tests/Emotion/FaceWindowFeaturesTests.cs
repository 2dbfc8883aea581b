using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Tests.Emotion;

/// <summary>Face slots over real frames (Megamind.avi) laid into overlapping windows by the real aligner.</summary>
public sealed class FaceWindowFeaturesTests : IDisposable
{
    private const long FrameStep = 100_000;   // frames stamped every 100 ms: 2 s windows hold 20
    private readonly string _dir = RepoPaths.NewTempDir("mmf-face-features");
    private readonly List<VideoFrame> _frames = [];

    public void Dispose()
    {
        _frames.ForEach(f => f.Dispose());
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Frames_are_examined_at_most_once_and_slots_follow_the_frames_with_a_face()
    {
        EmotionTestModels.Save(_dir, text: false);
        using var loaded = new ModelLoader().Load(Path.Combine(_dir, "face.onnx"));
        using var extractor = new ImageExtractor(loaded.Session, ImageNormalization.FromManifest(loaded.Manifest.Preprocessing!, "face"));
        using var detector = new HaarFaceDetector();
        var cropper = new FaceCropper(detector, 0.2f);
        var features = new FaceWindowFeatures(extractor, cropper, "video", "video_mask");
        var frames = ReadFrames(100);
        bool[] hasFace = frames.Select(f => cropper.Crop(f) is not null).ToArray();

        using var aligner = new WindowAligner(new AlignerOptions { Window = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromSeconds(0.5), Expected = ModalityMask.Video }, new ManualClock());
        foreach (var frame in frames)
            aligner.Add(frame.Retain());
        aligner.Flush();
        const int t = 8;
        var sequence = new float[t * 3];
        var mask = new bool[t];
        int windows = 0;
        while (aligner.TryDequeue(out var window))
        {
            using (window)
            {
                Array.Clear(sequence);
                Array.Clear(mask);
                features.Fill(window, t, sequence, mask);
                for (int i = 0; i < t; i++)
                {
                    var (start, end) = Inference.Fusion.WindowSlots.Bounds(window, i, t);
                    int[] inSlot = Enumerable.Range(0, frames.Count).Where(k => frames[k].StartMicros >= start && frames[k].StartMicros < end).ToArray();
                    int? chosen = inSlot.Reverse().Cast<int?>().FirstOrDefault(k => hasFace[k!.Value]);
                    Assert.Equal(chosen is not null, mask[i]);
                    if (chosen is { } k)
                        Assert.Equal(extractor.Extract(frames[k], cropper.Crop(frames[k])!.Value).ToArray(), sequence[(i * 3)..(i * 3 + 3)]);
                }
            }
            windows++;
        }
        Assert.True(windows >= 9, $"{windows} windows");
        // Overlapping windows share frames (each is in up to 4 windows), yet no frame was detected twice.
        Assert.InRange(features.FramesExamined, 1, frames.Count);
        Assert.InRange(features.FramesWithoutFace, 0, hasFace.Count(h => !h));
        // Haar finds the animated face in 88 of the first 100 frames (236 of all 270).
        Assert.InRange(hasFace.Count(h => h), 80, 95);
    }

    private List<VideoFrame> ReadFrames(int count)
    {
        string path = RepoPaths.Media("Megamind.avi");
        using var capture = new VideoCapture(path);
        Assert.True(capture.IsOpened(), $"{path}: OpenCV could not open the video.");
        using var mat = new Mat();
        for (int i = 0; i < count && capture.Read(mat) && !mat.Empty(); i++)
            _frames.Add(MatCopy.ToFrame(mat, BufferPool<byte>.Shared, "megamind", i, i * FrameStep, null));
        return _frames;
    }
}
