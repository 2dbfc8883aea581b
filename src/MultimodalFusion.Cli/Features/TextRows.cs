using MultimodalFusion.Capture.Text;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Cli.Features;

/// <summary>Text features of one SRT transcript: one MiniLM embedding per cue, stamped at the cue's start.</summary>
/// <remarks>
/// The rows are <see cref="TranscriptRows"/>'s, the definition the live fusion path (<see cref="TextWindowFeatures"/>)
/// also uses: blank and partial cues are skipped; cues that start at the same instant are joined by a space in file
/// order, so timestamps stay strictly ascending. A malformed SRT fails with the parser's message naming the file and line.
/// </remarks>
public static class TextRows
{
    /// <summary>Embeds every cue of <paramref name="srtPath"/> with <paramref name="encoder"/> (not owned).</summary>
    public static FeatureRows Compute(string srtPath, MiniLmTextEncoder encoder)
    {
        var utterances = SrtParser.ParseFile(srtPath).Select(c => (c.Start.Ticks / TimeSpan.TicksPerMicrosecond, c.Text, c.IsFinal));
        var rows = new FeatureRows(ExtractorSet.Text, MiniLmTextEncoder.Dimensions);
        var row = new float[MiniLmTextEncoder.Dimensions];
        foreach (var (stamp, text) in TranscriptRows.Of(utterances))
        {
            encoder.Encode(text, row);
            rows.Add(row, stamp);
        }
        return rows;
    }
}
