namespace MultimodalFusion.Capture.Text;

/// <summary>Settings of <see cref="AsrTranscriptSource"/>.</summary>
/// <param name="StreamId">Stream id stamped on every segment.</param>
/// <param name="Vad">How utterances are cut (energy threshold, hangover, ...).</param>
/// <param name="MinConfidence">Results below this confidence are dropped (0 keeps everything non-empty).</param>
public sealed record AsrOptions(string StreamId = "asr", VadOptions? Vad = null, float MinConfidence = 0f);
