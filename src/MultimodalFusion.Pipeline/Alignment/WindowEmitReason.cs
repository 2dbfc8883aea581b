namespace MultimodalFusion.Pipeline.Alignment;

/// <summary>Why the aligner emitted a window.</summary>
public enum WindowEmitReason
{
    /// <summary>Every expected modality's watermark passed the window's end: the window is complete.</summary>
    Watermark = 0,
    /// <summary>The latency deadline expired first; the presence mask says what is missing.</summary>
    Deadline = 1,
    /// <summary>The input ended; the window holds whatever had arrived.</summary>
    Flush = 2,
}
