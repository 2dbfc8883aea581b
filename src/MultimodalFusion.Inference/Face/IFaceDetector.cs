using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;

namespace MultimodalFusion.Inference.Face;

/// <summary>Finds faces in a frame. The default is <see cref="HaarFaceDetector"/>; an ONNX detector can implement this too.</summary>
public interface IFaceDetector
{
    /// <summary>Face boxes in frame pixel coordinates, largest first; empty when there is none.</summary>
    /// <remarks>The frame is only read during the call; the caller keeps ownership.</remarks>
    IReadOnlyList<PixelRect> Detect(VideoFrame frame);
}
