using MultimodalFusion.Datasets.AffWild2;
using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>Everything that changes from frame to frame of a rendered face.</summary>
/// <param name="Valence">Drives mouth curvature and brow slope, in [-1, 1].</param>
/// <param name="Arousal">Drives eye opening and brow height (head motion and blinks come in already applied), in [-1, 1].</param>
/// <param name="Expression">Adds the expression's own cue (brow shape, mouth shape, cheeks, gaze).</param>
/// <param name="Center">Head centre in frame pixels.</param>
/// <param name="RollDegrees">Head roll, clockwise in image coordinates.</param>
/// <param name="EyeOpen">1 = normally open, 0 = closed (blink).</param>
/// <param name="VideoMode">null, "turned-away" or "occluded".</param>
internal readonly record struct FaceState(
    double Valence, double Arousal, ExpressionClass Expression, Point2d Center, double RollDegrees, double EyeOpen, string? VideoMode);
