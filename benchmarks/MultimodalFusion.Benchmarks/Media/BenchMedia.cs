using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Benchmarks.Media;

/// <summary>Real inputs for the suites, read from .media/ (tools/fetch-media.sh) at setup time, never inside a measured method.</summary>
public static class BenchMedia
{
    /// <summary>
    /// The first frame of vtest.avi (768x576 pedestrians), resized with INTER_LINEAR to <paramref name="width"/> x
    /// <paramref name="height"/> BGR: a real camera-like frame at the size asked. The caller owns the returned Mat.
    /// </summary>
    public static Mat Frame(int width, int height, string clip = "vtest.avi")
    {
        string path = RepoPaths.Media(clip);
        using var capture = new VideoCapture(path);
        using var decoded = new Mat();
        if (!capture.IsOpened() || !capture.Read(decoded) || decoded.Empty())
            throw new InvalidDataException($"{path}: could not decode a first frame.");
        var resized = new Mat();
        Cv2.Resize(decoded, resized, new Size(width, height), 0, 0, InterpolationFlags.Linear);
        return resized;
    }

    /// <summary>A <see cref="VideoFrame"/> over a pooled copy of an 8-bit BGR Mat (Capture's <see cref="MatCopy"/>); the caller disposes the frame.</summary>
    public static VideoFrame ToVideoFrame(Mat bgr, long captureMicros = 0, long sequence = 0) =>
        MatCopy.ToFrame(bgr, BufferPool<byte>.Shared, "bench", sequence, captureMicros, null);

    /// <summary>
    /// The mono samples of a 16-bit PCM WAV file in .media/ as floats in [-1, 1), checking that its rate is
    /// <paramref name="expectedRateHz"/> (the log-mel suite needs 16 kHz speech: goforward.wav is recorded at 16 kHz).
    /// </summary>
    public static float[] SpeechSamples(string name, int expectedRateHz)
    {
        string path = RepoPaths.Media(name);
        float[] samples = TestWav.Read16(path, out int rate, out int channels);
        if (rate != expectedRateHz || channels != 1)
            throw new InvalidDataException($"{path}: {rate} Hz, {channels} channel(s); the suite needs {expectedRateHz} Hz mono 16-bit.");
        return samples;
    }
}
