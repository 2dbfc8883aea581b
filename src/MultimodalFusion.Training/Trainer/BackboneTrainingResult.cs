namespace MultimodalFusion.Training.Trainer;

/// <summary>A finished backbone run: every epoch, and the epoch whose weights (and batch-norm statistics) the model holds at the end.</summary>
public sealed record BackboneTrainingResult(IReadOnlyList<BackboneEpoch> Epochs, int BestEpoch, double BestMetric, string MetricName);
