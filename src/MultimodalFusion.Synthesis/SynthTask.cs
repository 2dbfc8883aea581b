namespace MultimodalFusion.Synthesis;

/// <summary>Which synthetic dataset to generate.</summary>
public enum SynthTask
{
    /// <summary>Faces with valence/arousal and expression labels, in the Aff-Wild2 layout.</summary>
    Emotion,

    /// <summary>Street scenes with per-frame violence labels, in the DVD layout.</summary>
    Violence,
}
