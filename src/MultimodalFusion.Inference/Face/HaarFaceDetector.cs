using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;
using OpenCvSharp;

namespace MultimodalFusion.Inference.Face;

/// <summary>OpenCV's Haar cascade face detector (grey, histogram-equalised, optionally downscaled frame).</summary>
/// <remarks>Thread-safe: calls are serialised because a CascadeClassifier is not. Dispose once when done.</remarks>
public sealed class HaarFaceDetector : IFaceDetector, IDisposable
{
    private readonly HaarFaceDetectorOptions _options;
    private readonly CascadeClassifier _cascade;
    private readonly Lock _gate = new();

    /// <summary>Loads the cascade; a missing or unreadable file throws naming it (install Debian's opencv-data for the default).</summary>
    public HaarFaceDetector(HaarFaceDetectorOptions? options = null)
    {
        _options = options ?? new HaarFaceDetectorOptions();
        if (!File.Exists(_options.CascadePath))
            throw new FileNotFoundException($"{_options.CascadePath}: Haar cascade not found (apt-get install opencv-data).", _options.CascadePath);
        _cascade = new CascadeClassifier(_options.CascadePath);
        if (_cascade.Empty())
        {
            _cascade.Dispose();
            throw new InvalidDataException($"{_options.CascadePath}: not a readable OpenCV cascade.");
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<PixelRect> Detect(VideoFrame frame)
    {
        MatType type = frame.Format == PixelFormat.Gray8 ? MatType.CV_8UC1 : MatType.CV_8UC3;
        using var image = Mat.FromPixelData(frame.Height, frame.Width, type, frame.Pixels.Array);
        using var grey = new Mat();
        if (frame.Format == PixelFormat.Gray8)
            image.CopyTo(grey);
        else
            Cv2.CvtColor(image, grey, frame.Format == PixelFormat.Bgr24 ? ColorConversionCodes.BGR2GRAY : ColorConversionCodes.RGB2GRAY);

        double scale = _options.MaxDetectionWidth > 0 && frame.Width > _options.MaxDetectionWidth
            ? (double)_options.MaxDetectionWidth / frame.Width : 1.0;
        if (scale < 1.0)
            Cv2.Resize(grey, grey, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        Cv2.EqualizeHist(grey, grey);

        int minSide = Math.Max(1, (int)Math.Round(_options.MinFaceSize * scale));
        Rect[] found;
        lock (_gate)
            found = _cascade.DetectMultiScale(grey, _options.ScaleFactor, _options.MinNeighbors, HaarDetectionTypes.ScaleImage, new Size(minSide, minSide));

        return found
            .Select(r => new PixelRect((int)Math.Round(r.X / scale), (int)Math.Round(r.Y / scale), (int)Math.Round(r.Width / scale), (int)Math.Round(r.Height / scale)))
            .Select(r => Clip(r, frame.Width, frame.Height))
            .Where(r => r.Width > 0 && r.Height > 0)
            .OrderByDescending(r => (long)r.Width * r.Height)
            .ToList();
    }

    /// <inheritdoc />
    public void Dispose() => _cascade.Dispose();

    private static PixelRect Clip(PixelRect r, int width, int height)
    {
        int x = Math.Clamp(r.X, 0, width), y = Math.Clamp(r.Y, 0, height);
        return new PixelRect(x, y, Math.Min(r.X + r.Width, width) - x, Math.Min(r.Y + r.Height, height) - y);
    }
}
