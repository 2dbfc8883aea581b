namespace MultimodalFusion.Inference.Face;

/// <summary>Settings of <see cref="HaarFaceDetector"/>.</summary>
public sealed record HaarFaceDetectorOptions
{
    /// <summary>The frontal-face cascade shipped by Debian's opencv-data package.</summary>
    public const string DebianCascadePath = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    /// <summary>Cascade XML file.</summary>
    public string CascadePath { get; init; } = DebianCascadePath;

    /// <summary>Image pyramid step; smaller finds more faces, slower.</summary>
    public double ScaleFactor { get; init; } = 1.1;

    /// <summary>Overlapping detections needed to keep a face; higher means fewer false positives.</summary>
    public int MinNeighbors { get; init; } = 5;

    /// <summary>Smallest face side in pixels of the original frame.</summary>
    public int MinFaceSize { get; init; } = 30;

    /// <summary>Frames wider than this are downscaled before detection (boxes are mapped back); 0 = never.</summary>
    public int MaxDetectionWidth { get; init; } = 640;
}
