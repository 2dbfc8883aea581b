using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;

namespace MultimodalFusion.Inference.Face;

/// <summary>Picks the largest face of a frame and turns it into a square crop with a margin, kept inside the frame.</summary>
/// <param name="detector">The detector (not owned).</param>
/// <param name="margin">Extra space on each side as a fraction of the face's longer side (0.2 = 20 %).</param>
public sealed class FaceCropper(IFaceDetector detector, float margin = 0.2f)
{
    /// <summary>The margin fraction.</summary>
    public float Margin { get; } = margin >= 0 ? margin : throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin must be >= 0.");

    /// <summary>The square crop around the largest face, or null when the frame has no face.</summary>
    public PixelRect? Crop(VideoFrame frame)
    {
        var faces = detector.Detect(frame);
        return faces.Count == 0 ? null : faces[0].SquareWithMargin(Margin, frame.Width, frame.Height);
    }
}
