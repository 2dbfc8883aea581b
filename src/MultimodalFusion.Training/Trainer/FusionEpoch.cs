namespace MultimodalFusion.Training.Trainer;

/// <summary>One finished epoch: mean training loss, the validation metric (higher is better), and the learning rate used.</summary>
public sealed record FusionEpoch(int Epoch, double TrainLoss, double ValidationMetric, double LearningRate);
