using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>
/// Head sway and blinking driven by arousal: the higher the arousal, the faster and wider the sway and
/// the more often the eyes blink. Advanced once per frame; not thread-safe (one per video).
/// </summary>
internal sealed class HeadMotion
{
    private readonly Random _random;
    private readonly double _fps;
    private readonly double _scale;
    private readonly double _secondPhase;
    private readonly int _blinkFrames;
    private double _phase;
    private int _blinkLeft;

    /// <param name="random">This video's motion stream.</param>
    /// <param name="fps">Frames per second.</param>
    /// <param name="scale">The frame's shorter side in pixels; amplitudes are fractions of it.</param>
    public HeadMotion(Random random, double fps, double scale)
    {
        _random = random;
        _fps = fps;
        _scale = scale;
        _phase = random.Uniform(0, 2 * Math.PI);
        _secondPhase = random.Uniform(0, 2 * Math.PI);
        _blinkFrames = Math.Max(1, (int)Math.Round(0.15 * fps));
    }

    /// <summary>Sway frequency (Hz) at <paramref name="arousal"/>.</summary>
    public static double FrequencyHz(double arousal) => 0.15 + 1.1 * Unit(arousal);

    /// <summary>Sway amplitude as a fraction of the frame's shorter side.</summary>
    public static double Amplitude(double arousal) => 0.015 + 0.085 * Unit(arousal);

    /// <summary>Blinks per second.</summary>
    public static double BlinkRateHz(double arousal) => 0.1 + 1.0 * Unit(arousal);

    /// <summary>Advances one frame and returns the head offset from rest (pixels), the roll (degrees) and the eye opening.</summary>
    public (Point2d Offset, double RollDegrees, double EyeOpen) Next(double arousal)
    {
        _phase += 2 * Math.PI * FrequencyHz(arousal) / _fps;
        double amplitude = Amplitude(arousal) * _scale;
        var offset = new Point2d(amplitude * Math.Sin(_phase), 0.5 * amplitude * Math.Sin(1.7 * _phase + _secondPhase));
        double roll = (1.5 + 8 * Unit(arousal)) * Math.Sin(0.8 * _phase + _secondPhase);
        double eyeOpen = 1;
        bool blinkNow = _random.NextDouble() < BlinkRateHz(arousal) / _fps;
        if (_blinkLeft > 0)
        {
            _blinkLeft--;
            eyeOpen = 0.1;
        }
        else if (blinkNow)
        {
            _blinkLeft = _blinkFrames - 1;
            eyeOpen = 0.1;
        }
        return (offset, roll, eyeOpen);
    }

    private static double Unit(double arousal) => Math.Clamp((arousal + 1) / 2, 0, 1);
}
