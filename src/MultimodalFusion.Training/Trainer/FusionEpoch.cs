namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// One finished epoch: mean training loss (task loss plus weighted reconstruction loss), the validation metric
/// (higher is better), the learning rate used, and the mean reconstruction loss when the model has an auto-encoder.
/// </summary>
public sealed record FusionEpoch(int Epoch, double TrainLoss, double ValidationMetric, double LearningRate, double? ReconstructionLoss = null);
