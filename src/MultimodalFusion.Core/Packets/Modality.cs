namespace MultimodalFusion.Core.Packets;

/// <summary>The three kinds of input that are fused.</summary>
public enum Modality
{
    /// <summary>Video frames; the base stream of every window.</summary>
    Video = 0,
    /// <summary>Audio samples.</summary>
    Audio = 1,
    /// <summary>Speech text.</summary>
    Text = 2,
}
