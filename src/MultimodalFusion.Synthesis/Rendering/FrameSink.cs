using OpenCvSharp;
using MultimodalFusion.Datasets.AffWild2;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>Writes one video's frames: the .mp4 (mp4v) and a folder of 1-based <c>NNNNN.jpg</c> images.</summary>
/// <remarks>Owns the <see cref="VideoWriter"/> until disposed. The caller keeps ownership of the Mats it passes. Not thread-safe.</remarks>
internal sealed class FrameSink : IDisposable
{
    private static readonly ImageEncodingParam[] s_jpeg = [new(ImwriteFlags.JpegQuality, 92)];
    private readonly VideoWriter _video;
    private readonly string _framesDirectory;
    private int _frameNumber;

    /// <summary>Opens <paramref name="videoPath"/> for writing and creates <paramref name="framesDirectory"/>.</summary>
    /// <exception cref="IOException">OpenCV cannot open the video for writing; the message names the file.</exception>
    public FrameSink(string videoPath, string framesDirectory, double fps, Size frameSize)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(videoPath)!);
        Directory.CreateDirectory(framesDirectory);
        _framesDirectory = framesDirectory;
        _video = new VideoWriter(videoPath, FourCC.FromString("mp4v"), fps, frameSize);
        if (!_video.IsOpened())
        {
            _video.Dispose();
            throw new IOException($"OpenCV could not open {videoPath} for writing (mp4v, {frameSize.Width}x{frameSize.Height} at {fps} fps).");
        }
    }

    /// <summary>Frames written so far.</summary>
    public int FrameCount => _frameNumber;

    /// <summary>Appends <paramref name="frame"/> to the video and writes <paramref name="image"/> as the next numbered JPEG.</summary>
    public void Write(Mat frame, Mat image)
    {
        _video.Write(frame);
        _frameNumber++;
        string path = Path.Combine(_framesDirectory, FrameFolder.FileName(_frameNumber));
        if (!Cv2.ImWrite(path, image, s_jpeg))
            throw new IOException($"could not write {path}");
    }

    /// <inheritdoc />
    public void Dispose() => _video.Dispose();
}
