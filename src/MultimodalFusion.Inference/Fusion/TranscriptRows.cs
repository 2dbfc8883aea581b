namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// The one definition of text feature rows, shared by the feature cache (<c>mmf features</c>, from an SRT) and the live
/// fusion path (from transcript segments): one row per final, non-blank utterance, stamped at its start; utterances
/// that start at the same instant make one row, their trimmed texts joined by a space in their given order.
/// </summary>
/// <remarks>Rows come out in ascending stamp order (a stable sort: equal starts keep their order). Stateless.</remarks>
public static class TranscriptRows
{
    /// <summary>The rows of <paramref name="utterances"/> (start in microseconds, text, final or partial).</summary>
    public static List<(long StampMicros, string Text)> Of(IEnumerable<(long StartMicros, string Text, bool IsFinal)> utterances)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        var kept = utterances.Where(u => u.IsFinal && !string.IsNullOrWhiteSpace(u.Text)).OrderBy(u => u.StartMicros).ToList();
        var rows = new List<(long, string)>();
        int i = 0;
        while (i < kept.Count)
        {
            int j = i + 1;
            while (j < kept.Count && kept[j].StartMicros == kept[i].StartMicros)
                j++;
            rows.Add((kept[i].StartMicros, string.Join(' ', kept.Skip(i).Take(j - i).Select(u => u.Text.Trim()))));
            i = j;
        }
        return rows;
    }
}
