using MultimodalFusion.Datasets.AffWild2;
namespace MultimodalFusion.Synthesis.Emotion;

/// <summary>The segments of one emotion video, back to back from 0 to its duration.</summary>
public sealed class EmotionTimeline
{
    /// <summary>How the face is made uninformative.</summary>
    internal static readonly string[] s_videoModes = ["turned-away", "occluded"];
    /// <summary>How the speech is made uninformative.</summary>
    internal static readonly string[] s_audioModes = ["silence", "neutral-prosody"];
    /// <summary>How the sentence is made uninformative.</summary>
    internal static readonly string[] s_textModes = ["neutral-sentence"];

    private static readonly TimeSpan s_minSegment = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan s_maxSegment = TimeSpan.FromSeconds(5);

    private EmotionTimeline(IReadOnlyList<EmotionSegment> segments, TimeSpan duration)
    {
        Segments = segments;
        Duration = duration;
    }

    /// <summary>Segments in time order, covering [0, <see cref="Duration"/>) without gaps.</summary>
    public IReadOnlyList<EmotionSegment> Segments { get; }

    /// <summary>Length of the video.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The segment holding <paramref name="time"/> (the last one for times at or past the end).</summary>
    public EmotionSegment At(TimeSpan time)
    {
        foreach (var s in Segments)
            if (s.Contains(time))
                return s;
        return Segments[^1];
    }

    /// <summary>
    /// Draws segments of 2.5-5 s (the last one takes the remainder), each with an expression different from
    /// the previous one and each modality ambiguous with probability <paramref name="ambiguousFraction"/>.
    /// </summary>
    public static EmotionTimeline Create(Random random, TimeSpan duration, double ambiguousFraction)
    {
        var segments = new List<EmotionSegment>();
        var start = TimeSpan.Zero;
        ExpressionClass? previous = null;
        while (start < duration)
        {
            var length = TimeSpan.FromSeconds(random.Uniform(s_minSegment.TotalSeconds, s_maxSegment.TotalSeconds));
            var end = start + length;
            if (duration - end < s_minSegment)
                end = duration;
            ExpressionClass expression;
            do
                expression = (ExpressionClass)random.Next(8);
            while (expression == previous);
            var profile = ExpressionProfile.Of(expression);
            var from = profile.Sample(random);
            var to = profile.Sample(random);
            double phase = random.Uniform(0, 2 * Math.PI);
            var ambiguity = SegmentAmbiguity.Draw(random, ambiguousFraction, s_videoModes, s_audioModes, s_textModes);
            segments.Add(new EmotionSegment(start, end, expression, from, to, phase, ambiguity));
            previous = expression;
            start = end;
        }
        return new EmotionTimeline(segments, duration);
    }
}
