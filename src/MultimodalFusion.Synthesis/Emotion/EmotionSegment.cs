using MultimodalFusion.Datasets.AffWild2;
namespace MultimodalFusion.Synthesis.Emotion;

/// <summary>
/// One stretch of an emotion video with one expression; valence and arousal glide smoothly from a start
/// point to an end point of the expression's region, with a small slow wobble.
/// </summary>
/// <param name="Start">Start, from the beginning of the video.</param>
/// <param name="End">End (exclusive).</param>
/// <param name="Expression">The expression label of every frame inside.</param>
/// <param name="From">(valence, arousal) at <paramref name="Start"/>.</param>
/// <param name="To">(valence, arousal) at <paramref name="End"/>.</param>
/// <param name="WobblePhase">Phase of the wobble, radians.</param>
/// <param name="Ambiguity">Modalities made uninformative in this segment.</param>
public sealed record EmotionSegment(
    TimeSpan Start, TimeSpan End, ExpressionClass Expression,
    (double Valence, double Arousal) From, (double Valence, double Arousal) To,
    double WobblePhase, SegmentAmbiguity Ambiguity)
{
    private const double WobbleAmplitude = 0.04;

    /// <summary>Length of the segment.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>True when <paramref name="time"/> lies in [Start, End).</summary>
    public bool Contains(TimeSpan time) => time >= Start && time < End;

    /// <summary>(valence, arousal) at <paramref name="time"/> (clamped into the segment), both in [-1, 1].</summary>
    public (double Valence, double Arousal) At(TimeSpan time)
    {
        double u = Math.Clamp((time - Start) / Duration, 0, 1);
        double s = u * u * (3 - 2 * u);
        double w = WobbleAmplitude * Math.Sin(2 * Math.PI * 0.4 * (time - Start).TotalSeconds + WobblePhase);
        double v = From.Valence + (To.Valence - From.Valence) * s + w;
        double a = From.Arousal + (To.Arousal - From.Arousal) * s - w;
        return (Math.Clamp(v, -1, 1), Math.Clamp(a, -1, 1));
    }

    /// <summary>Mean (valence, arousal) over the segment (sampled at 20 points).</summary>
    public (double Valence, double Arousal) Mean()
    {
        double v = 0, a = 0;
        for (int i = 0; i < 20; i++)
        {
            var p = At(Start + Duration * ((i + 0.5) / 20));
            v += p.Valence / 20;
            a += p.Arousal / 20;
        }
        return (v, a);
    }
}
