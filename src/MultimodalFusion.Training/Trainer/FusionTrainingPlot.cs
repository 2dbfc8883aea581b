using ScottPlot;

namespace MultimodalFusion.Training.Trainer;

/// <summary>Draws the training curves of a run (loss on the left axis, validation metric on the right) as a PNG.</summary>
/// <remarks>
/// Text uses "DejaVu Sans" explicitly: without an installed font ScottPlot silently draws no text
/// (Debian: fonts-dejavu-core).
/// </remarks>
public static class FusionTrainingPlot
{
    /// <summary>Writes a <paramref name="widthPx"/> x <paramref name="heightPx"/> PNG to <paramref name="path"/>.</summary>
    public static void SavePng(FusionTrainingResult result, string path, int widthPx = 800, int heightPx = 450)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Epochs.Count == 0)
            throw new ArgumentException("Training curves need at least one epoch.", nameof(result));
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);

        double[] epochs = result.Epochs.Select(e => (double)e.Epoch).ToArray();
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var loss = plot.Add.Scatter(epochs, result.Epochs.Select(e => e.TrainLoss).ToArray());
        loss.LegendText = "train loss";
        var metric = plot.Add.Scatter(epochs, result.Epochs.Select(e => e.ValidationMetric).ToArray());
        metric.LegendText = $"validation {result.MetricName}";
        metric.Axes.YAxis = plot.Axes.Right;
        var best = plot.Add.VerticalLine(result.BestEpoch);
        best.LegendText = $"best epoch {result.BestEpoch}";
        best.LinePattern = LinePattern.Dashed;
        plot.Title("Fusion model training");
        plot.XLabel("epoch");
        plot.YLabel("train loss");
        plot.Axes.Right.Label.Text = $"validation {result.MetricName}";
        plot.ShowLegend();
        plot.SavePng(full, widthPx, heightPx);
    }
}
