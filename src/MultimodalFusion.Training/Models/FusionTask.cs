namespace MultimodalFusion.Training.Models;

/// <summary>What a fusion model's head predicts.</summary>
public enum FusionTask
{
    /// <summary>k class scores (logits in training, probabilities in the exported graph's <c>probs</c> output).</summary>
    Classification,

    /// <summary>Continuous values squashed into [-1, 1] by tanh (valence, arousal).</summary>
    Regression,
}
