using MultimodalFusion.Datasets.AffWild2;
namespace MultimodalFusion.Synthesis.Emotion;

/// <summary>The typical valence/arousal region of one expression: a box around a centre, both axes in [-1, 1].</summary>
internal sealed record ExpressionProfile(ExpressionClass Expression, double Valence, double Arousal, double ValenceSpread, double ArousalSpread)
{
    private static readonly ExpressionProfile[] s_all =
    [
        new(ExpressionClass.Neutral, 0.0, -0.05, 0.15, 0.15),
        new(ExpressionClass.Anger, -0.6, 0.65, 0.2, 0.2),
        new(ExpressionClass.Disgust, -0.55, 0.2, 0.2, 0.2),
        new(ExpressionClass.Fear, -0.45, 0.75, 0.2, 0.15),
        new(ExpressionClass.Happiness, 0.7, 0.4, 0.2, 0.3),
        new(ExpressionClass.Sadness, -0.6, -0.5, 0.2, 0.2),
        new(ExpressionClass.Surprise, 0.3, 0.8, 0.25, 0.15),
        new(ExpressionClass.Other, 0.2, -0.35, 0.25, 0.2),
    ];

    /// <summary>The profile of <paramref name="expression"/>.</summary>
    public static ExpressionProfile Of(ExpressionClass expression) => s_all[(int)expression];

    /// <summary>A point of the region: (valence, arousal), clamped to [-1, 1].</summary>
    public (double Valence, double Arousal) Sample(Random random) =>
        (Math.Clamp(Valence + random.Uniform(-ValenceSpread, ValenceSpread), -1, 1),
         Math.Clamp(Arousal + random.Uniform(-ArousalSpread, ArousalSpread), -1, 1));
}
