namespace MultimodalFusion.Capture.Text;

/// <summary>Settings of <see cref="LiveTranscriptSource"/>.</summary>
/// <param name="StreamId">Stream id stamped on every segment.</param>
/// <param name="Name">What the reader is, for messages and logs ("stdin", a FIFO path).</param>
/// <param name="MediaOriginMicros">Clock time that line times (seconds) count from; null: the clock when the run starts.</param>
/// <param name="FailOnBadLine">When true a malformed line ends the run with an error; when false (default) it is logged with its line number, counted and skipped.</param>
public sealed record LiveTranscriptOptions(string StreamId = "live", string Name = "stdin", long? MediaOriginMicros = null, bool FailOnBadLine = false);
