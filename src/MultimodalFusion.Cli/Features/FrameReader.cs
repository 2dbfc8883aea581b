using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using OpenCvSharp;

namespace MultimodalFusion.Cli.Features;

/// <summary>Reads a dataset video's frames, from its video file or its numbered frame folder, as bgr24 <see cref="VideoFrame"/>s.</summary>
/// <remarks>
/// Frame i (0-based; frame number i + 1 in a frame folder) is stamped <see cref="CacheLabels.FrameTimestamps"/>'s
/// <c>round(i * 1e6 / fps)</c> microseconds, the label timeline of the cache, so features and labels share one clock.
/// Frame-folder gaps (frames without a face in Aff-Wild2) are skipped, keeping their numbers' times. Each yielded frame
/// is owned by the caller, who disposes it. Errors name the file: a video OpenCV cannot open or that yields no frame,
/// an image that does not decode.
/// </remarks>
public static class FrameReader
{
    /// <summary>The frame rate of <paramref name="videoPath"/> as its container states it; null when it states none.</summary>
    public static double? ProbeFps(string videoPath)
    {
        using var capture = Open(videoPath);
        return capture.Fps is > 0 and < 1000 ? capture.Fps : null;
    }

    /// <summary>Every frame of the video file, stamped at <paramref name="fps"/>.</summary>
    public static IEnumerable<VideoFrame> FromVideo(string videoPath, double fps, BufferPool<byte> pool)
    {
        using var capture = Open(videoPath);
        using var mat = new Mat();
        int index = 0;
        while (capture.Read(mat) && !mat.Empty())
        {
            yield return Stamped(mat, pool, index, fps);
            index++;
        }
        if (index == 0)
            throw new InvalidDataException($"{videoPath}: OpenCV decoded no frame (corrupt or empty video).");
    }

    /// <summary>Every image of the frame folder (<c>00001.jpg</c>, ...), stamped by its frame number at <paramref name="fps"/>.</summary>
    public static IEnumerable<VideoFrame> FromFolder(string framesDirectory, double fps, BufferPool<byte> pool)
    {
        var folder = FrameFolder.Scan(framesDirectory);
        if (folder.FrameNumbers.Count == 0)
            throw new InvalidDataException($"{framesDirectory}: the frame folder holds no numbered image (00001.jpg, ...).");
        foreach (int number in folder.FrameNumbers)
        {
            string path = folder.PathOf(number);
            using var mat = Cv2.ImRead(path, ImreadModes.Color);
            if (mat.Empty())
                throw new InvalidDataException($"{path}: not a readable image (corrupt or not an image format OpenCV decodes).");
            yield return Stamped(mat, pool, number - 1, fps);
        }
    }

    private static VideoCapture Open(string videoPath)
    {
        if (!File.Exists(videoPath))
            throw new FileNotFoundException($"{videoPath}: video file not found.", videoPath);
        var capture = new VideoCapture(videoPath, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new InvalidDataException($"{videoPath}: OpenCV cannot open it as a video (corrupt, truncated or not a video format it decodes).");
        }
        return capture;
    }

    // Frame i on the cache's label timeline; the frame takes the pooled buffer's reference.
    private static VideoFrame Stamped(Mat mat, BufferPool<byte> pool, int index, double fps)
    {
        long micros = CacheLabels.FrameTimestamp(index, fps);
        return MatCopy.ToFrame(mat, pool, "video", index, micros, micros);
    }
}
