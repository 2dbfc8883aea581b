namespace MultimodalFusion.Training.Data;

/// <summary>How a window's violence label follows from its labelled frames (the trainer's name for <see cref="MultimodalFusion.Datasets.Cache.ViolenceLabelRule"/>).</summary>
public enum ViolenceWindowRule
{
    /// <summary>Violent when any labelled frame of the window is violent (alerting: never miss a short fight).</summary>
    Any,

    /// <summary>Violent when at least half of the window's labelled frames are violent.</summary>
    Majority,
}
