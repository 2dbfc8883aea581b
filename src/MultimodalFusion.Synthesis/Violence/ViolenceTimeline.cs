using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Violence;

/// <summary>The segments of one violence clip: calm stretches (4-10 s) alternating with fights (2-5 s), calm first.</summary>
public sealed class ViolenceTimeline
{
    private static readonly string[] s_violentVideo = ["calm-motion"];
    private static readonly string[] s_violentAudio = ["ambience-only"];
    private static readonly string[] s_violentText = ["calm-sentence"];
    private static readonly string[] s_calmVideo = ["fast-passerby"];
    private static readonly string[] s_calmAudio = ["loud-bang"];
    private static readonly string[] s_calmText = ["no-sentence"];

    private ViolenceTimeline(IReadOnlyList<ViolenceSegment> segments) => Segments = segments;

    /// <summary>Segments in time order, covering the clip without gaps.</summary>
    public IReadOnlyList<ViolenceSegment> Segments { get; }

    /// <summary>The segment holding <paramref name="time"/> (the last one at or past the end).</summary>
    public ViolenceSegment At(TimeSpan time)
    {
        foreach (var s in Segments)
            if (s.Contains(time))
                return s;
        return Segments[^1];
    }

    /// <summary>
    /// Draws the segments; each modality of each segment is made uninformative (fights) or misleading (calm)
    /// with probability <paramref name="ambiguousFraction"/>, independently.
    /// </summary>
    public static ViolenceTimeline Create(Random random, TimeSpan duration, double ambiguousFraction)
    {
        var segments = new List<ViolenceSegment>();
        var start = TimeSpan.Zero;
        bool violent = false;
        // Short clips still get a fight: the first calm stretch is at most a third of the clip.
        double firstCalmMax = Math.Min(8, Math.Max(1.5, duration.TotalSeconds / 3));
        while (start < duration)
        {
            double seconds = violent ? random.Uniform(2, 5) : segments.Count == 0 ? random.Uniform(Math.Min(3, firstCalmMax * 0.6), firstCalmMax) : random.Uniform(4, 10);
            var end = start + TimeSpan.FromSeconds(seconds);
            if (duration - end < TimeSpan.FromSeconds(1.5))
                end = duration;
            var meeting = new Point2d(random.Uniform(0.35, 0.65), random.Uniform(0.5, 0.7));
            var ambiguity = violent
                ? SegmentAmbiguity.Draw(random, ambiguousFraction, s_violentVideo, s_violentAudio, s_violentText)
                : SegmentAmbiguity.Draw(random, ambiguousFraction, s_calmVideo, s_calmAudio, s_calmText);
            segments.Add(new ViolenceSegment(start, end, violent, meeting, ambiguity));
            start = end;
            violent = !violent;
        }
        return new ViolenceTimeline(segments);
    }
}
