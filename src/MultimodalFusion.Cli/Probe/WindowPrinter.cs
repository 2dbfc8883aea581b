using System.Globalization;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Cli.Probe;

/// <summary>Writes the probe's output: one line per window, a metrics block now and then, and a summary.</summary>
/// <remarks>Times are seconds since the probe started (the media origin of file sources). Called from one task at a time.</remarks>
internal sealed class WindowPrinter(TextWriter output, long originMicros, IClock clock, bool quiet)
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public void Print(AlignedWindow window)
    {
        if (quiet)
            return;
        string text = window.Text.Count == 0 ? "-" : $"\"{Shorten(window.TranscriptText, 60)}\"";
        string missing = window.Missing == ModalityMask.None ? "" : $"  missing={Describe(window.Missing)}";
        output.WriteLine(string.Format(s_inv,
            "window {0,4} [{1,7:F2}s, {2,7:F2}s)  video {3,3} fr  audio {4:F2}s  text {5}  present={6}{7}  by {8}, emitted at {9:F2}s",
            window.Index, Seconds(window.StartMicros), Seconds(window.EndMicros), window.Video.Count, AudioCovered(window), text,
            Describe(window.Present), missing, window.Reason.ToString().ToLowerInvariant(), Seconds(window.EmitMicros)));
        output.Flush();
    }

    /// <summary>Seconds of the window that audio chunks actually cover (less than its length where the audio ends).</summary>
    public static double AudioCovered(AlignedWindow window)
    {
        long covered = 0;
        foreach (var chunk in window.Audio)
            covered += Math.Max(0, Math.Min(chunk.EndMicros, window.EndMicros) - Math.Max(chunk.StartMicros, window.StartMicros));
        return Micros.ToSeconds(covered);
    }

    public void PrintMetrics(IReadOnlyList<MetricsSnapshot> snapshots)
    {
        output.WriteLine(string.Format(s_inv, "-- metrics at {0:F1}s --", Seconds(clock.NowMicros)));
        foreach (MetricsSnapshot s in snapshots.Where(IsWorthShowing))
            output.WriteLine("   " + s);
        output.Flush();
    }

    public void PrintSummary(IReadOnlyList<MetricsSnapshot> snapshots, IReadOnlyList<string> sources, WindowAligner aligner, bool interrupted)
    {
        output.WriteLine(interrupted ? "== stopped ==" : "== done ==");
        output.WriteLine(string.Format(s_inv, "windows: {0} emitted ({1} by deadline with a mask, {2} at the end of input), {3} empty skipped; packets: {4} late, {5} regressions",
            aligner.WindowsEmitted, aligner.EmittedByDeadline, aligner.EmittedByFlush, aligner.WindowsSkipped, aligner.LateDrops, aligner.Regressions));
        output.WriteLine("sources:");
        foreach (string s in sources)
            output.WriteLine("   " + s);
        output.WriteLine("stages:");
        foreach (MetricsSnapshot s in snapshots.Where(IsWorthShowing))
            output.WriteLine("   " + s);
        output.Flush();
    }

    // Channels only count drops: an idle channel entry is noise.
    private static bool IsWorthShowing(MetricsSnapshot s) => s.In > 0 || s.Dropped > 0 || s.Restarts > 0 || s.LastError is not null;

    /// <summary>A mask as "video+audio+text", or "none".</summary>
    public static string Describe(ModalityMask mask) => mask == ModalityMask.None ? "none"
        : string.Join('+', Enum.GetValues<Modality>().Where(m => mask.Has(m)).Select(m => m.ToString().ToLowerInvariant()));

    private double Seconds(long micros) => Micros.ToSeconds(micros - originMicros);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
