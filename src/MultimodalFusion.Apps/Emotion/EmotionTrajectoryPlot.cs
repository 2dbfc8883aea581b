using ScottPlot;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>Draws a session's valence/arousal trajectory with ScottPlot 5: the VA plane on top, both over time below.</summary>
internal static class EmotionTrajectoryPlot
{
    public static void Save(IReadOnlyList<EmotionReading> readings, string path, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);

        long origin = readings[0].StartMicros;
        double[] seconds = readings.Select(r => (r.EndMicros - origin) / 1e6).ToArray();
        double[] valence = readings.Select(r => (double)r.SmoothedValence).ToArray();
        double[] arousal = readings.Select(r => (double)r.SmoothedArousal).ToArray();

        // A new Multiplot already holds one empty plot; Reset replaces it.
        var multiplot = new Multiplot();
        multiplot.Reset(PlanePlot(seconds, valence, arousal));
        multiplot.AddPlot(TimePlot(readings, seconds, valence, arousal));
        try
        {
            multiplot.SavePng(full, width, height);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the emotion trajectory PNG '{full}': {ex.Message}", ex);
        }
        if (!File.Exists(full))
            throw new IOException($"cannot write the emotion trajectory PNG '{full}'");
    }

    private static Plot PlanePlot(double[] seconds, double[] valence, double[] arousal)
    {
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        double span = Math.Max(seconds[^1] - seconds[0], 1e-9);
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        plot.Add.VerticalLine(0, 1, Colors.Gray);
        for (int i = 0; i < seconds.Length; i++)
        {
            // Colour runs from dark (session start) to yellow (end) so the direction of travel is visible.
            var color = colormap.GetColor((seconds[i] - seconds[0]) / span);
            if (i > 0)
            {
                var line = plot.Add.Line(valence[i - 1], arousal[i - 1], valence[i], arousal[i]);
                line.LineColor = color;
                line.LineWidth = 2;
            }
            var marker = plot.Add.Marker(valence[i], arousal[i]);
            marker.Color = color;
            marker.Size = 6;
        }
        plot.Title("Valence / arousal (smoothed), coloured by time");
        plot.XLabel("Valence");
        plot.YLabel("Arousal");
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return plot;
    }

    private static Plot TimePlot(IReadOnlyList<EmotionReading> readings, double[] seconds, double[] valence, double[] arousal)
    {
        var plot = new Plot();
        var v = plot.Add.Scatter(seconds, valence);
        v.LegendText = "valence (smoothed)";
        v.Color = Colors.RoyalBlue;
        var a = plot.Add.Scatter(seconds, arousal);
        a.LegendText = "arousal (smoothed)";
        a.Color = Colors.OrangeRed;
        var rawV = plot.Add.ScatterPoints(seconds, readings.Select(r => (double)r.Valence).ToArray());
        rawV.LegendText = "valence (raw)";
        rawV.Color = Colors.RoyalBlue.WithAlpha(0.4);
        var rawA = plot.Add.ScatterPoints(seconds, readings.Select(r => (double)r.Arousal).ToArray());
        rawA.LegendText = "arousal (raw)";
        rawA.Color = Colors.OrangeRed.WithAlpha(0.4);
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        plot.Title("Over time");
        plot.XLabel("Time (s)");
        plot.YLabel("Value");
        plot.Axes.SetLimitsY(-1, 1);
        plot.Axes.SetLimitsX(0, Math.Max(seconds[^1], 1e-3));
        plot.ShowLegend();
        return plot;
    }
}
