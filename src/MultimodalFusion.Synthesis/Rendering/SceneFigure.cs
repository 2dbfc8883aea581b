using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>One person in a violence scene: where it stands, how it drifts when calm, and its colours. Mutable per frame.</summary>
internal sealed class SceneFigure
{
    /// <summary>Where it drifts around when calm, in pixels.</summary>
    public required Point2d Home { get; init; }

    /// <summary>Drift radius in pixels.</summary>
    public required double Drift { get; init; }

    /// <summary>Drift angular frequency, radians per second.</summary>
    public required double Omega { get; init; }

    /// <summary>Drift phase, radians.</summary>
    public required double Phase { get; init; }

    /// <summary>Shirt colour (BGR).</summary>
    public required Scalar Shirt { get; init; }

    /// <summary>Skin colour (BGR).</summary>
    public required Scalar Skin { get; init; }

    /// <summary>Current position (feet centre), pixels.</summary>
    public Point2d Position { get; set; }

    /// <summary>Arm angles in radians from hanging down (left, right).</summary>
    public (double Left, double Right) Arms { get; set; }

    /// <summary>The calm drift target at <paramref name="seconds"/>.</summary>
    public Point2d CalmTarget(double seconds) => new(
        Home.X + Drift * Math.Sin(Omega * seconds + Phase),
        Home.Y + 0.4 * Drift * Math.Sin(1.3 * Omega * seconds + 2 * Phase));

    /// <summary>Draws the figure at its position; <paramref name="scale"/> is the frame's shorter side.</summary>
    public void Draw(Mat frame, double scale)
    {
        var p = Position;
        double h = 0.3 * scale;
        var hip = new Point(p.X, p.Y - 0.42 * h);
        var shoulder = new Point2d(p.X, p.Y - 0.75 * h);
        int limb = Math.Max(1, (int)(0.035 * scale));
        Cv2.Line(frame, hip, new Point(p.X - 0.1 * h, p.Y), ColorMath.Scale(Shirt, 0.5), limb, LineTypes.AntiAlias);
        Cv2.Line(frame, hip, new Point(p.X + 0.1 * h, p.Y), ColorMath.Scale(Shirt, 0.5), limb, LineTypes.AntiAlias);
        Cv2.Ellipse(frame, new RotatedRect(new Point2f((float)p.X, (float)(p.Y - 0.6 * h)), new Size2f((float)(0.26 * h), (float)(0.4 * h)), 0), Shirt, -1, LineTypes.AntiAlias);
        double arm = 0.32 * h;
        foreach (var (angle, side) in new[] { (Arms.Left, -1.0), (Arms.Right, 1.0) })
        {
            var hand = new Point(shoulder.X + side * arm * Math.Sin(angle), shoulder.Y + arm * Math.Cos(angle));
            Cv2.Line(frame, new Point(shoulder.X + side * 0.1 * h, shoulder.Y), hand, Skin, limb, LineTypes.AntiAlias);
        }
        Cv2.Circle(frame, new Point(p.X, p.Y - 0.9 * h), Math.Max(2, (int)(0.1 * h)), Skin, -1, LineTypes.AntiAlias);
    }
}
