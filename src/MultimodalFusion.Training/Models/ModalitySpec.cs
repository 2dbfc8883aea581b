namespace MultimodalFusion.Training.Models;

/// <summary>One input stream of a fusion model: its name (also the ONNX input name) and feature size per step.</summary>
/// <param name="Name">Stream name, e.g. "video", "audio", "text"; the mask input is named <c>{Name}_mask</c>.</param>
/// <param name="FeatureSize">Features per time step (e.g. 256 for a video embedding).</param>
public sealed record ModalitySpec(string Name, int FeatureSize);
