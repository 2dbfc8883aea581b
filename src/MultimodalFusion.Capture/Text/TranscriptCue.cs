namespace MultimodalFusion.Capture.Text;

/// <summary>One timed line of a subtitle or transcript file, relative to the start of its media.</summary>
/// <param name="Start">When the text begins, from the media's start.</param>
/// <param name="End">When it ends (exclusive); not before <paramref name="Start"/>.</param>
/// <param name="Text">The words; markup removed, lines joined with a space.</param>
/// <param name="Confidence">0..1; 1 for subtitles.</param>
/// <param name="IsFinal">False for a partial hypothesis (JSON lines only).</param>
/// <param name="LineNumber">1-based line of the cue's timing (or JSON) line in its file, for messages.</param>
public sealed record TranscriptCue(TimeSpan Start, TimeSpan End, string Text, float Confidence = 1f, bool IsFinal = true, int LineNumber = 0);
