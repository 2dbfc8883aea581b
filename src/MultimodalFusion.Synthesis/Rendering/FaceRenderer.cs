using MultimodalFusion.Datasets.AffWild2;
using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>
/// Draws a cartoon face with OpenCvSharp: mouth curvature and brow slope follow valence, eye opening
/// follows arousal, each expression adds its own cue (Anger: inward lowered brows and narrowed eyes;
/// Sadness: inner brows raised; Fear: raised brows, wide eyes, stretched mouth; Surprise: raised brows and
/// a round open mouth; Disgust: one-sided mouth and nose wrinkles; Happiness: cheeks; Other: sideways gaze).
/// </summary>
/// <remarks>
/// Face geometry is in face units (x: half-width, y: half-height, origin at the head centre) and
/// drawn with 4 fractional bits so that small changes of valence move pixels continuously.
/// One renderer per video; not thread-safe. The caller owns the frames it passes in.
/// </remarks>
internal sealed class FaceRenderer
{
    private const int Shift = 4;
    private const double Fixed = 1 << Shift;
    private readonly FaceAppearance _look;
    private readonly double _halfWidth;
    private readonly double _halfHeight;
    private Point2d _center;
    private double _cos = 1, _sin;

    /// <param name="look">Colours of this person.</param>
    /// <param name="frameScale">The frame's shorter side in pixels.</param>
    public FaceRenderer(FaceAppearance look, double frameScale)
    {
        _look = look;
        _halfWidth = 0.24 * frameScale;
        _halfHeight = 0.3 * frameScale;
    }

    /// <summary>Half the head height in pixels (the face crop is sized from it).</summary>
    public double HalfHeight => _halfHeight;

    /// <summary>Draws the room into <paramref name="frame"/> (the static background of every frame).</summary>
    public void DrawBackground(Mat frame)
    {
        frame.SetTo(_look.Wall);
        int w = frame.Width, h = frame.Height;
        Cv2.Rectangle(frame, new Rect(0, (int)(0.78 * h), w, h - (int)(0.78 * h)), _look.Furniture, -1);
        Cv2.Rectangle(frame, new Rect((int)(0.04 * w), (int)(0.08 * h), (int)(0.18 * w), (int)(0.3 * h)), ColorMath.Blend(_look.Wall, _look.Furniture, 0.6), -1);
    }

    /// <summary>Draws the face described by <paramref name="state"/> over <paramref name="frame"/>.</summary>
    public void Draw(Mat frame, in FaceState state)
    {
        _center = state.Center;
        double roll = state.RollDegrees * Math.PI / 180;
        (_cos, _sin) = (Math.Cos(roll), Math.Sin(roll));
        Ellipse(frame, 0, 0.22, 0.6, 0.9, ColorMath.Scale(_look.Hair, 0.8), -1);                 // neck and shoulders shadow
        Ellipse(frame, -1.0, 0.05, 0.14, 0.22, ColorMath.Scale(_look.Skin, 0.9), -1);            // ears
        Ellipse(frame, 1.0, 0.05, 0.14, 0.22, ColorMath.Scale(_look.Skin, 0.9), -1);
        if (state.VideoMode == "turned-away")
        {
            Ellipse(frame, 0, 0, 1.0, 1.0, _look.Hair, -1);
            return;
        }
        Ellipse(frame, 0, -0.1, 1.02, 0.95, _look.Hair, -1);
        Ellipse(frame, 0, 0.04, 0.94, 0.94, _look.Skin, -1);
        DrawEyes(frame, state);
        DrawBrows(frame, state);
        DrawNose(frame, state.Expression);
        DrawMouth(frame, state);
        if (state.Expression == ExpressionClass.Happiness)
        {
            Ellipse(frame, -0.58, 0.3, 0.16, 0.1, ColorMath.Blend(_look.Skin, new Scalar(90, 90, 220), 0.45), -1);
            Ellipse(frame, 0.58, 0.3, 0.16, 0.1, ColorMath.Blend(_look.Skin, new Scalar(90, 90, 220), 0.45), -1);
        }
        if (state.VideoMode == "occluded")
        {
            // A flat object held in front of the face: upright, it does not roll with the head.
            var box = new Rect((int)(_center.X - 0.95 * _halfWidth), (int)(_center.Y - 0.55 * _halfHeight),
                (int)(1.9 * _halfWidth), (int)(1.45 * _halfHeight));
            Cv2.Rectangle(frame, box, new Scalar(150, 150, 150), -1, LineTypes.AntiAlias);
        }
    }

    private void DrawEyes(Mat frame, in FaceState s)
    {
        double open = s.EyeOpen * (0.75 + 0.45 * (s.Arousal + 1) / 2);
        open *= s.Expression switch
        {
            ExpressionClass.Anger => 0.6,
            ExpressionClass.Fear or ExpressionClass.Surprise => 1.4,
            _ => 1.0,
        };
        double gaze = s.Expression == ExpressionClass.Other ? 0.09 : 0;
        foreach (double side in (ReadOnlySpan<double>)[-1, 1])
        {
            double x = 0.38 * side;
            Ellipse(frame, x, -0.12, 0.18, Math.Max(0.012, 0.1 * open), new Scalar(245, 245, 245), -1);
            if (open > 0.3)
                Ellipse(frame, x + gaze, -0.12, 0.065, 0.065 * _halfWidth / _halfHeight, _look.Iris, -1);
        }
    }

    private void DrawBrows(Mat frame, in FaceState s)
    {
        double baseY = -0.36 - 0.05 * s.Arousal;
        foreach (double side in (ReadOnlySpan<double>)[-1, 1])
        {
            double innerX = 0.14, innerY = baseY + 0.06 * s.Valence, outerY = baseY - 0.02 * s.Valence;
            switch (s.Expression)
            {
                case ExpressionClass.Anger: innerX = 0.09; innerY += 0.15; outerY -= 0.05; break;
                case ExpressionClass.Sadness: innerY -= 0.12; outerY += 0.05; break;
                case ExpressionClass.Fear: innerY -= 0.16; outerY -= 0.08; break;
                case ExpressionClass.Surprise: innerY -= 0.16; outerY -= 0.16; break;
                case ExpressionClass.Disgust when side < 0: innerY += 0.1; break;
            }
            var points = new[] { Local(innerX * side, innerY), Local(0.36 * side, Math.Min(innerY, outerY) - 0.05), Local(0.6 * side, outerY) };
            Cv2.Polylines(frame, [points], false, ColorMath.Scale(_look.Hair, 0.7), Thickness(0.07), LineTypes.AntiAlias, Shift);
        }
    }

    private void DrawNose(Mat frame, ExpressionClass expression)
    {
        var nose = new[] { Local(0, -0.05), Local(-0.07, 0.2), Local(0.05, 0.22) };
        Cv2.Polylines(frame, [nose], false, ColorMath.Scale(_look.Skin, 0.6), Thickness(0.035), LineTypes.AntiAlias, Shift);
        if (expression == ExpressionClass.Disgust)
        {
            Cv2.Line(frame, Local(-0.12, -0.02), Local(-0.02, 0.02), ColorMath.Scale(_look.Skin, 0.55), Thickness(0.03), LineTypes.AntiAlias, Shift);
            Cv2.Line(frame, Local(0.12, -0.02), Local(0.02, 0.02), ColorMath.Scale(_look.Skin, 0.55), Thickness(0.03), LineTypes.AntiAlias, Shift);
        }
    }

    private void DrawMouth(Mat frame, in FaceState s)
    {
        const double y0 = 0.5;
        double halfWidth = s.Expression == ExpressionClass.Fear ? 0.42 : 0.32;
        double curve = 0.18 * s.Valence;
        double skew = s.Expression == ExpressionClass.Disgust ? 0.09 : 0;
        var points = new Point[17];
        for (int i = 0; i < points.Length; i++)
        {
            double u = -1 + 2.0 * i / (points.Length - 1);
            // Disgust curls one side only: the right half is pulled up, the left half stays flat.
            double y = y0 + curve * (0.5 - u * u) - skew * Math.Max(0, u) * Math.Max(0, u) * 2;
            points[i] = Local(u * halfWidth, y);
        }
        Cv2.Polylines(frame, [points], false, _look.Lips, Thickness(0.075), LineTypes.AntiAlias, Shift);
        if (s.Expression == ExpressionClass.Surprise)
            Ellipse(frame, 0, y0 + curve * 0.5, 0.11, 0.13, ColorMath.Scale(_look.Lips, 0.6), -1);
    }

    private int Thickness(double faceUnits) => Math.Max(1, (int)Math.Round(faceUnits * _halfWidth));

    /// <summary>A face-unit point as a fixed-point pixel coordinate (rolled about the head centre).</summary>
    private Point Local(double x, double y)
    {
        double px = x * _halfWidth, py = y * _halfHeight;
        double rx = _center.X + px * _cos - py * _sin, ry = _center.Y + px * _sin + py * _cos;
        return new Point((int)Math.Round(rx * Fixed), (int)Math.Round(ry * Fixed));
    }

    private void Ellipse(Mat frame, double x, double y, double ax, double ay, Scalar color, int thickness)
    {
        var c = Local(x, y);
        var box = new RotatedRect(new Point2f((float)(c.X / Fixed), (float)(c.Y / Fixed)),
            new Size2f((float)(2 * ax * _halfWidth), (float)(2 * ay * _halfHeight)), (float)(Math.Atan2(_sin, _cos) * 180 / Math.PI));
        Cv2.Ellipse(frame, box, color, thickness, LineTypes.AntiAlias);
    }
}
