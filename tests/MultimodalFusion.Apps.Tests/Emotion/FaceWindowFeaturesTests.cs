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

/// <summary>Face rows over real frames (Megamind.avi) laid into overlapping windows by the real aligner.</summary>
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
    public void Frames_are_examined_at_most_once_and_each_window_packs_the_rows_of_its_frames_with_a_face()
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
        const int t = 21;   // 20 frames per window, one spare step
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
                // As the cache: one row per frame with a face, in time order, from step 0; the rest absent.
                int[] withFace = Enumerable.Range(0, frames.Count)
                    .Where(k => hasFace[k] && frames[k].StartMicros >= window.StartMicros && frames[k].StartMicros < window.EndMicros).ToArray();
                Assert.Equal(Enumerable.Range(0, t).Select(i => i < withFace.Length), mask);
                for (int i = 0; i < withFace.Length; i++)
                {
                    VideoFrame frame = frames[withFace[i]];
                    Assert.Equal(extractor.Extract(frame, cropper.Crop(frame)!.Value).ToArray(), sequence[(i * 3)..(i * 3 + 3)]);
                }
            }
            windows++;
        }
        Assert.True(windows >= 9, $"{windows} windows");
        // Overlapping windows share frames (each is in up to 4 windows), yet every frame was detected once.
        Assert.Equal(frames.Count, features.FramesExamined);
        Assert.Equal(hasFace.Count(h => !h), features.FramesWithoutFace);
        // Haar finds the animated face in 88 of the first 100 frames (236 of all 270).
        Assert.InRange(hasFace.Count(h => h), 80, 95);
    }

    [Fact]
    public void A_row_rate_keeps_the_first_frame_with_a_face_of_each_interval()
    {
        EmotionTestModels.Save(_dir, text: false);
        using var loaded = new ModelLoader().Load(Path.Combine(_dir, "face.onnx"));
        using var extractor = new ImageExtractor(loaded.Session, ImageNormalization.FromManifest(loaded.Manifest.Preprocessing!, "face"));
        using var detector = new HaarFaceDetector();
        var cropper = new FaceCropper(detector, 0.2f);
        var features = new FaceWindowFeatures(extractor, cropper, "video", "video_mask", maxRowsPerSecond: 2.5);   // one row per 400 ms
        var frames = ReadFrames(40);   // 4 s at 10 fps
        bool[] hasFace = frames.Select(f => cropper.Crop(f) is not null).ToArray();
        using var aligner = new WindowAligner(new AlignerOptions { Window = TimeSpan.FromSeconds(4), Hop = TimeSpan.FromSeconds(4), Expected = ModalityMask.Video }, new ManualClock());
        foreach (var frame in frames)
            aligner.Add(frame.Retain());
        aligner.Flush();
        Assert.True(aligner.TryDequeue(out var window));
        using (window)
        {
            var sequence = new float[11 * 3];
            var mask = new bool[11];
            features.Fill(window, 11, sequence, mask);
            int[] expected = Enumerable.Range(0, 10).Select(b => Enumerable.Range(4 * b, 4).Cast<int?>().FirstOrDefault(k => hasFace[k!.Value]))
                .Where(k => k is not null).Select(k => k!.Value).ToArray();
            Assert.InRange(expected.Length, 8, 10);
            Assert.Equal(Enumerable.Range(0, 11).Select(i => i < expected.Length), mask);
            for (int i = 0; i < expected.Length; i++)
                Assert.Equal(extractor.Extract(frames[expected[i]], cropper.Crop(frames[expected[i]])!.Value).ToArray(), sequence[(i * 3)..(i * 3 + 3)]);
        }
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
