namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>One decision's latency split into stages, in microseconds.</summary>
/// <param name="EndToEnd">Capture of the newest frame used -> prediction read.</param>
/// <param name="Wait">Newest frame -> window emitted by the aligner (the watermark wait: latency, not overhead).</param>
/// <param name="Queue">Window emitted -> fusion stage starts on it (window queue hop).</param>
/// <param name="Extract">Image extractor over the slot frames.</param>
/// <param name="Run">Fusion model run + copying its outputs into the prediction, up to the write.</param>
/// <param name="HandOff">Prediction written -> read by the consumer (prediction queue hop).</param>
/// <param name="ReadAtMicros">When the prediction was read, relative to the start of the replay.</param>
/// <param name="Extracted">Slot frames that went through the extractor.</param>
public readonly record struct DecisionRecord(long EndToEnd, long Wait, long Queue, long Extract, long Run, long HandOff, long ReadAtMicros, int Extracted)
{
    /// <summary>Window emitted -> prediction read: what the pipeline adds around the model work, plus the model work.</summary>
    public long Processing => Queue + Extract + Run + HandOff;
}
