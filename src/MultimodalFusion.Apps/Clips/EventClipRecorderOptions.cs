namespace MultimodalFusion.Apps.Clips;

/// <summary>Settings of one camera's <see cref="EventClipRecorder"/>.</summary>
/// <remarks>Durations are <see cref="TimeSpan"/> on the pipeline clock (the frames' CaptureMicros).</remarks>
public sealed record EventClipRecorderOptions
{
    /// <summary>Video kept before an event's start and written at the head of its clip.</summary>
    public TimeSpan ClipBefore { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Video written after an event's end (its last frame above the threshold).</summary>
    public TimeSpan ClipAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far an event's start may lie behind the newest frame when the start is reported (the rule reports
    /// a start FramesToStart frames late); the ring keeps ClipBefore + this much.
    /// </summary>
    public TimeSpan StartLatency { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest clip, pre-roll included; a clip is closed there even when its event is still open.</summary>
    public TimeSpan MaxClipLength { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Frame rate written into the mp4 header (the camera's delivered rate).</summary>
    public double Fps { get; init; } = 10;

    /// <summary>
    /// Hard cap on frames held in the pre-roll ring, whatever their timestamps; 0: twice the frames that
    /// ClipBefore + StartLatency hold at <see cref="Fps"/>. Bounds the ring's memory at this many frames.
    /// </summary>
    public int MaxBufferedFrames { get; init; }

    /// <summary>Frames and commands waiting for the writer; a full queue makes the caller wait (nothing is dropped).</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>JPEG quality of snapshots, 1-100.</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>The ffmpeg executable that encodes clips (a name on PATH or a full path); it needs libx264.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>The ffprobe executable used to check clips left unfinished by a stopped run.</summary>
    public string FfprobePath { get; init; } = "ffprobe";

    /// <summary>The ring's frame cap in effect (see <see cref="MaxBufferedFrames"/>).</summary>
    public int EffectiveMaxBufferedFrames => MaxBufferedFrames > 0
        ? MaxBufferedFrames
        : (int)Math.Ceiling((ClipBefore + StartLatency).TotalSeconds * Fps * 2) + 2;

    /// <summary>Every problem with these options, each naming the option; empty when valid.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        var errors = new List<string>();
        if (ClipBefore < TimeSpan.Zero)
            errors.Add($"EventClipRecorderOptions.ClipBefore must not be negative (was {ClipBefore}).");
        if (ClipAfter < TimeSpan.Zero)
            errors.Add($"EventClipRecorderOptions.ClipAfter must not be negative (was {ClipAfter}).");
        if (StartLatency < TimeSpan.Zero)
            errors.Add($"EventClipRecorderOptions.StartLatency must not be negative (was {StartLatency}).");
        if (MaxClipLength <= ClipBefore)
            errors.Add($"EventClipRecorderOptions.MaxClipLength must exceed ClipBefore (was {MaxClipLength}).");
        if (!double.IsFinite(Fps) || Fps <= 0 || Fps > 1000)
            errors.Add($"EventClipRecorderOptions.Fps must be in (0, 1000] (was {Fps}).");
        if (MaxBufferedFrames < 0)
            errors.Add($"EventClipRecorderOptions.MaxBufferedFrames must not be negative (was {MaxBufferedFrames}).");
        if (QueueCapacity < 1)
            errors.Add($"EventClipRecorderOptions.QueueCapacity must be at least 1 (was {QueueCapacity}).");
        if (JpegQuality is < 1 or > 100)
            errors.Add($"EventClipRecorderOptions.JpegQuality must be in [1, 100] (was {JpegQuality}).");
        if (string.IsNullOrWhiteSpace(FfmpegPath))
            errors.Add("EventClipRecorderOptions.FfmpegPath must name the ffmpeg executable.");
        if (string.IsNullOrWhiteSpace(FfprobePath))
            errors.Add("EventClipRecorderOptions.FfprobePath must name the ffprobe executable.");
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors));
    }
}
