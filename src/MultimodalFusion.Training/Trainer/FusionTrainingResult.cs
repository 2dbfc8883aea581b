namespace MultimodalFusion.Training.Trainer;

/// <summary>A finished run: every epoch, and the epoch whose weights the model holds at the end.</summary>
public sealed record FusionTrainingResult(IReadOnlyList<FusionEpoch> Epochs, int BestEpoch, double BestMetric, string MetricName);
