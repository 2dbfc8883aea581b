namespace MultimodalFusion.Training.Trainer;

/// <summary>One finished epoch of <see cref="BackboneTrainer"/>: mean training loss, validation metric, learning rate used.</summary>
public sealed record BackboneEpoch(int Epoch, double TrainLoss, double ValidationMetric, double LearningRate);
