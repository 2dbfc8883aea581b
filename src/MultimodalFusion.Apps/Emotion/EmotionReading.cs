using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>The emotion monitor's result for one aligned window: raw and smoothed valence/arousal and expressions.</summary>
/// <remarks>
/// Times are int64 microseconds on the data-path clock; the window is [StartMicros, EndMicros).
/// Valence and arousal are in [-1, 1]. <see cref="Expressions"/> is owned by the reading (a copy, never a pooled
/// buffer) and must not be changed after construction.
/// </remarks>
/// <param name="StartMicros">Window start (inclusive).</param>
/// <param name="EndMicros">Window end (exclusive).</param>
/// <param name="Valence">Model valence for this window.</param>
/// <param name="Arousal">Model arousal for this window.</param>
/// <param name="SmoothedValence">Valence after <see cref="VaSmoother"/>.</param>
/// <param name="SmoothedArousal">Arousal after <see cref="VaSmoother"/>.</param>
/// <param name="Expressions">Probability per class of <see cref="EmotionLabels.Expressions"/>.</param>
/// <param name="Present">Modalities that contributed data to the window.</param>
public sealed record EmotionReading(long StartMicros, long EndMicros, float Valence, float Arousal,
    float SmoothedValence, float SmoothedArousal, float[] Expressions, ModalityMask Present)
{
    /// <summary>Probability per class of <see cref="EmotionLabels.Expressions"/>; exactly <see cref="EmotionLabels.Count"/> values.</summary>
    public float[] Expressions { get; init; } = Checked(Expressions);

    /// <summary>Index of the most probable expression.</summary>
    public int TopIndex => EmotionLabels.ArgMax(Expressions);

    /// <summary>Name of the most probable expression.</summary>
    public string TopExpression => EmotionLabels.Expressions[TopIndex];

    /// <summary>Probability of the most probable expression.</summary>
    public float TopProbability => Expressions[TopIndex];

    /// <summary>Window length.</summary>
    public TimeSpan Duration => TimeSpan.FromMicroseconds(EndMicros - StartMicros);

    /// <summary>Builds a reading from a fusion prediction, passing its valence/arousal through <paramref name="smoother"/>.</summary>
    /// <exception cref="ArgumentException">The prediction lacks a <c>va</c> output of 2 values or an <c>expr</c> output of 8.</exception>
    public static EmotionReading FromPrediction(FusionPrediction prediction, VaSmoother smoother)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(smoother);
        float[] va = Output(prediction, EmotionLabels.VaOutput, 2);
        float[] expr = Output(prediction, EmotionLabels.ExpressionOutput, EmotionLabels.Count);
        var (sv, sa) = smoother.Update(prediction.EndMicros, va[0], va[1]);
        return new EmotionReading(prediction.StartMicros, prediction.EndMicros, va[0], va[1], sv, sa,
            (float[])expr.Clone(), prediction.Present);
    }

    private static float[] Checked(float[] expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        EmotionLabels.ArgMax(expressions);
        return expressions;
    }

    private static float[] Output(FusionPrediction prediction, string name, int length)
    {
        if (!prediction.Outputs.TryGetValue(name, out var values))
            throw new ArgumentException(
                $"stream '{prediction.Stream}': the fusion model has no '{name}' output (has: {string.Join(", ", prediction.Outputs.Keys)}); is it an emotion model?",
                nameof(prediction));
        if (values.Length != length)
            throw new ArgumentException(
                $"stream '{prediction.Stream}': output '{name}' has {values.Length} values, expected {length}", nameof(prediction));
        return values;
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"[{StartMicros}, {EndMicros}) us V={Valence:F2} A={Arousal:F2} {TopExpression} {TopProbability:P0} present={Present}");
}
