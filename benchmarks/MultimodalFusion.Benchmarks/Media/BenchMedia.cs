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

    /// <summary>A <see cref="VideoFrame"/> over a copy of a continuous 8-bit BGR Mat; the caller disposes the frame.</summary>
    public static VideoFrame ToVideoFrame(Mat bgr, long captureMicros = 0, long sequence = 0)
    {
        if (bgr.Type() != MatType.CV_8UC3 || !bgr.IsContinuous())
            throw new ArgumentException($"Expected a continuous CV_8UC3 Mat; got {bgr.Type()}.", nameof(bgr));
        int bytes = bgr.Width * bgr.Height * 3;
        PooledBuffer<byte> pixels = BufferPool<byte>.Shared.Rent(bytes);
        bgr.AsSpan<byte>()[..bytes].CopyTo(pixels.Span);
        return new VideoFrame(pixels, bgr.Width, bgr.Height, PixelFormat.Bgr24, "bench", sequence, captureMicros, null);
    }

    /// <summary>
    /// The mono samples of a 16-bit PCM WAV file in .media/ as floats in [-1, 1), checking that its rate is
    /// <paramref name="expectedRateHz"/> (the log-mel suite needs 16 kHz speech: goforward.wav is recorded at 16 kHz).
    /// </summary>
    public static float[] SpeechSamples(string name, int expectedRateHz)
    {
        string path = RepoPaths.Media(name);
        byte[] bytes = File.ReadAllBytes(path);
        int rate = 0, channels = 0, bits = 0, pos = 12;
        if (bytes.Length < 12 || bytes[0] != 'R' || bytes[8] != 'W')
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file.");
        while (pos + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, pos, 4);
            int size = BitConverter.ToInt32(bytes, pos + 4);
            if (id == "fmt ")
            {
                channels = BitConverter.ToInt16(bytes, pos + 10);
                rate = BitConverter.ToInt32(bytes, pos + 12);
                bits = BitConverter.ToInt16(bytes, pos + 22);
            }
            else if (id == "data")
            {
                if (channels != 1 || bits != 16 || rate != expectedRateHz)
                    throw new InvalidDataException($"{path}: {rate} Hz, {channels} channel(s), {bits}-bit; the suite needs {expectedRateHz} Hz mono 16-bit.");
                var samples = new float[Math.Min(size, bytes.Length - pos - 8) / 2];
                for (int i = 0; i < samples.Length; i++)
                    samples[i] = BitConverter.ToInt16(bytes, pos + 8 + 2 * i) / 32768f;
                return samples;
            }
            pos += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path}: no data chunk.");
    }
}
