using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis.Speech;

namespace MultimodalFusion.Synthesis.Emotion;

/// <summary>
/// The typical valence/arousal region of one expression (a box around a centre, both axes in [-1, 1]) and its
/// speaking style: a tempo change and pauses between words on top of the arousal-driven prosody, so that the
/// voice hints at the expression too (slow and halting when sad, rushed when afraid).
/// </summary>
/// <param name="SpeedDelta">Words per minute added to the arousal-driven speed.</param>
/// <param name="WordGap">espeak-ng word gap, units of 10 ms.</param>
internal sealed record ExpressionProfile(ExpressionClass Expression, double Valence, double Arousal, double ValenceSpread, double ArousalSpread,
    int SpeedDelta, int WordGap)
{
    private static readonly ExpressionProfile[] s_all =
    [
        new(ExpressionClass.Neutral, 0.0, -0.05, 0.15, 0.15, 0, 0),
        new(ExpressionClass.Anger, -0.6, 0.65, 0.2, 0.2, 25, 0),
        new(ExpressionClass.Disgust, -0.55, 0.2, 0.2, 0.2, -30, 2),
        new(ExpressionClass.Fear, -0.45, 0.75, 0.2, 0.15, 40, 0),
        new(ExpressionClass.Happiness, 0.7, 0.4, 0.2, 0.3, 10, 0),
        new(ExpressionClass.Sadness, -0.6, -0.5, 0.2, 0.2, -35, 4),
        new(ExpressionClass.Surprise, 0.3, 0.8, 0.25, 0.15, -10, 1),
        new(ExpressionClass.Other, 0.2, -0.35, 0.25, 0.2, -15, 1),
    ];

    /// <summary>The voice of this expression at <paramref name="arousal"/>: pitch and loudness from arousal, tempo from both.</summary>
    public Prosody Speech(double arousal)
    {
        var p = Prosody.ForArousal(arousal);
        return p with { WordsPerMinute = Math.Clamp(p.WordsPerMinute + SpeedDelta, 90, 320), WordGap = WordGap };
    }

    /// <summary>The profile of <paramref name="expression"/>.</summary>
    public static ExpressionProfile Of(ExpressionClass expression) => s_all[(int)expression];

    /// <summary>A point of the region: (valence, arousal), clamped to [-1, 1].</summary>
    public (double Valence, double Arousal) Sample(Random random) =>
        (Math.Clamp(Valence + random.Uniform(-ValenceSpread, ValenceSpread), -1, 1),
         Math.Clamp(Arousal + random.Uniform(-ArousalSpread, ArousalSpread), -1, 1));
}
