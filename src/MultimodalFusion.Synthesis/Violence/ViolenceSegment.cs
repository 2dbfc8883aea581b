using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Violence;

/// <summary>One stretch of a violence clip: calm, or a fight with a meeting point.</summary>
/// <param name="Start">Start, from the beginning of the clip.</param>
/// <param name="End">End (exclusive).</param>
/// <param name="Violent">The label of every frame inside.</param>
/// <param name="MeetingPoint">Where the fighters meet, as fractions of the frame (violent segments).</param>
/// <param name="Ambiguity">Modalities made uninformative or misleading in this segment.</param>
public sealed record ViolenceSegment(TimeSpan Start, TimeSpan End, bool Violent, Point2d MeetingPoint, SegmentAmbiguity Ambiguity)
{
    /// <summary>Length of the segment.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>True when <paramref name="time"/> lies in [Start, End).</summary>
    public bool Contains(TimeSpan time) => time >= Start && time < End;

    /// <summary>The label name used in the manifest.</summary>
    public string Label => Violent ? "violent" : "calm";
}
