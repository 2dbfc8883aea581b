using OpenCvSharp;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// Every frame of a clip, decoded once into memory, so that the pipeline and the raw loop replay exactly the same
/// pixels and neither pays for decoding while it is measured.
/// </summary>
/// <remarks>
/// Owns one 8-bit BGR <see cref="Mat"/> per frame (native memory: Megamind.avi, 270 frames of 720x528, holds about
/// 300 MB) until <see cref="Dispose"/>. Read-only after <see cref="Load"/>: several threads may read frames at once.
/// </remarks>
public sealed class DecodedClip : IDisposable
{
    private readonly List<Mat> _frames;

    private DecodedClip(string path, double fps, List<Mat> frames)
    {
        Path = path;
        Fps = fps;
        _frames = frames;
    }

    /// <summary>The clip's file.</summary>
    public string Path { get; }

    /// <summary>Frames per second of media time.</summary>
    public double Fps { get; }

    /// <summary>Frames held.</summary>
    public int Count => _frames.Count;

    /// <summary>Frame width in pixels.</summary>
    public int Width => _frames[0].Cols;

    /// <summary>Frame height in pixels.</summary>
    public int Height => _frames[0].Rows;

    /// <summary>Media time of one pass.</summary>
    public TimeSpan Length => TimeSpan.FromSeconds(Count / Fps);

    /// <summary>Frame <paramref name="index"/> (0 .. Count-1); valid until the clip is disposed; do not modify it.</summary>
    public Mat this[int index] => _frames[index];

    /// <summary>Decodes every frame of <paramref name="path"/>; throws naming the file when it cannot be read.</summary>
    public static DecodedClip Load(string path)
    {
        using var capture = new VideoCapture(path);
        if (!capture.IsOpened())
            throw new InvalidDataException($"{path}: OpenCV cannot open the clip.");
        double fps = capture.Fps > 0 ? capture.Fps : 25;
        var frames = new List<Mat>();
        try
        {
            while (true)
            {
                var mat = new Mat();
                if (!capture.Read(mat) || mat.Empty())
                {
                    mat.Dispose();
                    break;
                }
                frames.Add(mat);
            }
        }
        catch
        {
            frames.ForEach(f => f.Dispose());
            throw;
        }
        if (frames.Count == 0)
            throw new InvalidDataException($"{path}: no frame could be decoded.");
        return new DecodedClip(path, fps, frames);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Mat frame in _frames)
            frame.Dispose();
        _frames.Clear();
    }
}
