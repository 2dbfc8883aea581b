using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Tests.Emotion;

/// <summary>Builds emotion readings with a chosen top expression for the emotion tests.</summary>
internal static class TestReadings
{
    public const long Second = 1_000_000;

    public static EmotionReading Make(long startMicros, long endMicros, int top, float valence, float arousal,
        ModalityMask present = ModalityMask.All, float smoothedValence = float.NaN, float smoothedArousal = float.NaN)
    {
        var expr = new float[EmotionLabels.Count];
        Array.Fill(expr, 0.3f / (EmotionLabels.Count - 1));
        expr[top] = 0.7f;
        return new EmotionReading(startMicros, endMicros, valence, arousal,
            float.IsNaN(smoothedValence) ? valence : smoothedValence, float.IsNaN(smoothedArousal) ? arousal : smoothedArousal,
            expr, present);
    }

    /// <summary>A spiral through the VA plane: 2 s windows every 0.5 s, top expression following the quadrant.</summary>
    public static List<EmotionReading> Spiral(int count)
    {
        var smoother = new VaSmoother(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var list = new List<EmotionReading>();
        for (int i = 0; i < count; i++)
        {
            double angle = i * 0.3, radius = 0.2 + 0.7 * i / count;
            float v = (float)(radius * Math.Cos(angle)), a = (float)(radius * Math.Sin(angle));
            long start = i * Second / 2, end = start + 2 * Second;
            var (sv, sa) = smoother.Update(end, v, a);
            int top = v >= 0 ? (a >= 0 ? 4 : 0) : (a >= 0 ? 1 : 5);
            list.Add(Make(start, end, top, v, a, i % 3 == 0 ? ModalityMask.Video | ModalityMask.Audio : ModalityMask.All, sv, sa));
        }
        return list;
    }
}
