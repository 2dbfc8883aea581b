using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>
/// Renders a street scene seen by a fixed camera: a few people drifting slowly (calm), or two of them fighting
/// (fast erratic motion around a meeting point, flailing arms, impact flashes) while the others back away.
/// </summary>
/// <remarks>Positions integrate from frame to frame, so calm and fight blend without jumps. One per clip; not thread-safe.</remarks>
internal sealed class SceneRenderer
{
    private readonly Random _random;
    private readonly List<SceneFigure> _figures = [];
    private readonly Scalar _sky, _ground, _building;
    private readonly double _scale;
    private readonly int _width, _height;

    /// <param name="random">This clip's scene stream (figures, jitter, flashes).</param>
    public SceneRenderer(Random random, int width, int height)
    {
        _random = random;
        _width = width;
        _height = height;
        _scale = Math.Min(width, height);
        _sky = new Scalar(random.Next(150, 230), random.Next(120, 200), random.Next(90, 160));
        _ground = new Scalar(random.Next(60, 120), random.Next(70, 130), random.Next(70, 130));
        _building = new Scalar(random.Next(50, 150), random.Next(50, 150), random.Next(50, 150));
        int count = random.Next(3, 6);
        for (int i = 0; i < count; i++)
        {
            var home = new Point2d(random.Uniform(0.15, 0.85) * width, random.Uniform(0.6, 0.9) * height);
            _figures.Add(new SceneFigure
            {
                Home = home, Drift = random.Uniform(0.03, 0.08) * _scale, Omega = random.Uniform(0.15, 0.45), Phase = random.Uniform(0, 6.3),
                Shirt = new Scalar(random.Next(30, 230), random.Next(30, 230), random.Next(30, 230)),
                Skin = new Scalar(random.Next(70, 170), random.Next(110, 200), random.Next(150, 240)),
                Position = home,
            });
        }
    }

    /// <summary>Draws the static street into <paramref name="frame"/>.</summary>
    public void DrawBackground(Mat frame)
    {
        frame.SetTo(_sky);
        Cv2.Rectangle(frame, new Rect(0, (int)(0.45 * _height), _width, _height), _ground, -1);
        Cv2.Rectangle(frame, new Rect((int)(0.05 * _width), (int)(0.1 * _height), (int)(0.3 * _width), (int)(0.35 * _height)), _building, -1);
        Cv2.Rectangle(frame, new Rect((int)(0.6 * _width), (int)(0.18 * _height), (int)(0.32 * _width), (int)(0.27 * _height)), ColorMath.Scale(_building, 0.7), -1);
    }

    /// <summary>Advances one frame of <paramref name="fps"/> and draws the people over <paramref name="frame"/> (which holds the background).</summary>
    /// <param name="seconds">Time of this frame from the clip start.</param>
    /// <param name="fight">Fight motion with this meeting point (fractions of the frame), or null for calm motion.</param>
    /// <param name="passerby">0..1 progress of a fast runner crossing the frame, or null.</param>
    public void Draw(Mat frame, double seconds, double fps, Point2d? fight, double? passerby)
    {
        for (int i = 0; i < _figures.Count; i++)
        {
            var f = _figures[i];
            Point2d target;
            double follow;
            if (fight is { } m && i < 2)
            {
                var meet = new Point2d(m.X * _width + (i == 0 ? -1 : 1) * 0.05 * _scale, m.Y * _height);
                target = new Point2d(meet.X + 0.05 * _scale * _random.Gaussian(), meet.Y + 0.03 * _scale * _random.Gaussian());
                follow = 0.7;
                f.Arms = (_random.Uniform(0.5, 2.8), _random.Uniform(0.5, 2.8));
            }
            else if (fight is { } away)
            {
                var calm = f.CalmTarget(seconds);
                double dx = calm.X - away.X * _width;
                target = new Point2d(Math.Clamp(calm.X + Math.Sign(dx == 0 ? 1 : dx) * 0.2 * _scale, 0, _width), calm.Y);
                follow = 0.15;
                f.Arms = (0.3, 0.3);
            }
            else
            {
                target = f.CalmTarget(seconds);
                follow = Math.Min(1, 2.0 / fps);
                f.Arms = (0.15 + 0.1 * Math.Sin(2 * seconds + f.Phase), 0.15 + 0.1 * Math.Sin(2 * seconds + f.Phase + 3));
            }
            f.Position = new Point2d(f.Position.X + (target.X - f.Position.X) * follow, f.Position.Y + (target.Y - f.Position.Y) * follow);
        }
        foreach (var f in _figures.OrderBy(f => f.Position.Y))
            f.Draw(frame, _scale);
        if (passerby is { } u)
        {
            var runner = new SceneFigure
            {
                Home = default, Drift = 0, Omega = 0, Phase = 0, Shirt = new Scalar(40, 40, 200), Skin = new Scalar(120, 160, 210),
                Position = new Point2d(-0.1 * _width + 1.2 * _width * u, 0.75 * _height), Arms = (0.8, 0.8),
            };
            runner.Draw(frame, _scale);
        }
        if (fight is { } flash && _random.NextDouble() < 0.2)
        {
            // An impact flash: a bright blotch where the fighters are.
            using var overlay = frame.Clone();
            Cv2.Circle(overlay, new Point(flash.X * _width, flash.Y * _height - 0.15 * _scale), (int)(0.2 * _scale), Scalar.White, -1);
            Cv2.AddWeighted(overlay, 0.6, frame, 0.4, 0, frame);
        }
    }
}
