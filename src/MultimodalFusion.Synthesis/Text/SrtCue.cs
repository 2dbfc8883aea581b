namespace MultimodalFusion.Synthesis.Text;

/// <summary>One subtitle: text shown over [Start, End) from the start of the video.</summary>
public sealed record SrtCue(TimeSpan Start, TimeSpan End, string Text);
