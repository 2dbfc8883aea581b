namespace MultimodalFusion.Capture.Text;

/// <summary>One parsed transcript JSON line (schema: <see cref="JsonLinesTranscriptParser"/>).</summary>
/// <param name="StartSeconds">Start in seconds from the media's start; null when the line has no times.</param>
/// <param name="EndSeconds">End in seconds; equals the start when only the start was given; null without times.</param>
/// <param name="Text">What was said, trimmed.</param>
/// <param name="Confidence">0..1 (default 1).</param>
/// <param name="IsFinal">False for a partial hypothesis.</param>
public readonly record struct JsonTranscriptLine(double? StartSeconds, double? EndSeconds, string Text, float Confidence, bool IsFinal);
