using MultimodalFusion.Capture.Text;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Cli.Features;

/// <summary>Text features of one SRT transcript: one MiniLM embedding per cue, stamped at the cue's start.</summary>
/// <remarks>
/// The rule mirrors the runtime: the text stage embeds each final transcript segment on its own, and
/// <c>TextWindowFeatures</c> places a segment in every slot its [start, end) overlaps, i.e. from its start on; the
/// cache keeps the cue's start as the row's time. Blank cues are skipped (the runtime skips blank segments). Cues
/// that start at the same instant are joined by a space in file order, as <c>TextWindowFeatures</c> joins the
/// segments of one slot, so timestamps stay strictly ascending. A malformed SRT fails with the parser's
/// message naming the file and line.
/// </remarks>
public static class TextRows
{
    /// <summary>Embeds every cue of <paramref name="srtPath"/> with <paramref name="encoder"/> (not owned).</summary>
    public static FeatureRows Compute(string srtPath, MiniLmTextEncoder encoder)
    {
        var cues = SrtParser.ParseFile(srtPath)
            .Where(c => c.IsFinal && !string.IsNullOrWhiteSpace(c.Text))
            .OrderBy(c => c.Start)   // stable: cues of one instant keep their file order
            .ToList();
        var rows = new FeatureRows(ExtractorSet.Text, MiniLmTextEncoder.Dimensions);
        var row = new float[MiniLmTextEncoder.Dimensions];
        int i = 0;
        while (i < cues.Count)
        {
            int j = i + 1;
            while (j < cues.Count && cues[j].Start == cues[i].Start)
                j++;
            string text = string.Join(' ', cues.Skip(i).Take(j - i).Select(c => c.Text.Trim()));
            encoder.Encode(text, row);
            rows.Add(row, cues[i].Start.Ticks / TimeSpan.TicksPerMicrosecond);
            i = j;
        }
        return rows;
    }
}
