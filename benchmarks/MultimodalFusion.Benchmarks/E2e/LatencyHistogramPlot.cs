using ScottPlot;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>A PNG histogram of decision latencies (ScottPlot 5), one bar series per labelled set.</summary>
/// <remarks>
/// Text uses "DejaVu Sans" explicitly: without an installed font ScottPlot silently draws no text
/// (Debian: fonts-dejavu-core). Bins are shared by every series: 60 bins from 0 to the 99.5th percentile of all
/// values, the rest counted in the last bin, so one stall does not squash the histogram.
/// </remarks>
public static class LatencyHistogramPlot
{
    private const int Bins = 60;

    /// <summary>Writes the histogram of <paramref name="series"/> (label, microseconds) to <paramref name="path"/>.</summary>
    public static void SavePng(string path, string title, IReadOnlyList<(string Label, IReadOnlyList<long> Micros)> series,
        int widthPx = 900, int heightPx = 500)
    {
        long[] all = [.. series.SelectMany(s => s.Micros)];
        if (all.Length == 0)
            throw new ArgumentException("A latency histogram needs at least one value.", nameof(series));
        double top = new LatencySummary(all).Percentile(99.5) / 1000.0;
        double width = Math.Max(top, 0.001) / Bins;

        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        foreach (var (label, micros) in series)
        {
            var counts = new double[Bins];
            foreach (long us in micros)
                counts[Math.Clamp((int)(us / 1000.0 / width), 0, Bins - 1)]++;
            var bars = plot.Add.Bars(Enumerable.Range(0, Bins).Select(i => (i + 0.5) * width).ToArray(), counts);
            bars.LegendText = $"{label} (n={micros.Count})";
            foreach (var bar in bars.Bars)
            {
                bar.Size = width * 0.9;
                bar.LineWidth = 0;
            }
        }
        plot.Title(title);
        plot.XLabel("latency, ms (last bin: everything above)");
        plot.YLabel("decisions");
        plot.ShowLegend();
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        plot.SavePng(full, widthPx, heightPx);
    }
}
