namespace MultimodalFusion.Synthesis.Manifest;

/// <summary>One labelled stretch of a video in <c>synth.json</c>.</summary>
/// <param name="Start">Start in seconds from the video's start.</param>
/// <param name="End">End in seconds (exclusive).</param>
/// <param name="FirstFrame">First 1-based frame number inside.</param>
/// <param name="Frames">Frames inside.</param>
/// <param name="Label">Expression name, or "violent" / "calm".</param>
/// <param name="Valence">Mean valence over the segment (emotion only).</param>
/// <param name="Arousal">Mean arousal over the segment (emotion only).</param>
/// <param name="Sentence">The sentence of the transcript inside the segment, or null.</param>
/// <param name="Ambiguous">Which modalities were made uninformative, and how.</param>
public sealed record SynthSegment(
    double Start, double End, int FirstFrame, int Frames, string Label, double? Valence, double? Arousal,
    string? Sentence, SegmentAmbiguity Ambiguous);
