namespace MultimodalFusion.Synthesis;

/// <summary>Settings of one synthetic dataset; the same options and seed give byte-identical label files and frames.</summary>
public sealed record SynthOptions
{
    /// <summary>Which dataset.</summary>
    public SynthTask Task { get; init; } = SynthTask.Emotion;

    /// <summary>The dataset root (created if missing).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Number of videos.</summary>
    public int Videos { get; init; } = 60;

    /// <summary>Length of each video; null = the task's default (<see cref="DefaultDuration"/>).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The seed every random choice derives from.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; init; } = 160;

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; init; } = 160;

    /// <summary>Frames per second.</summary>
    public double Fps { get; init; } = 10;

    /// <summary>Side of the square face crops (emotion: <c>cropped_aligned</c>) in pixels.</summary>
    public int CropSize { get; init; } = 112;

    /// <summary>Chance, per segment and per modality independently, that the modality is made uninformative.</summary>
    public double AmbiguousFraction { get; init; } = 0.25;

    /// <summary>Share of videos in the validation split (at least one when there are two or more videos).</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Audio sample rate of the WAV files.</summary>
    public int SampleRateHz { get; init; } = 16_000;

    /// <summary>Videos generated at the same time (each uses one core plus short espeak-ng runs).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The espeak-ng executable.</summary>
    public string EspeakExecutable { get; init; } = "espeak-ng";

    /// <summary>The default video length of <paramref name="task"/>: 20 s (emotion), 40 s (violence).</summary>
    public static TimeSpan DefaultDuration(SynthTask task) => task == SynthTask.Emotion ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(40);

    /// <summary>The video length in effect.</summary>
    public TimeSpan EffectiveDuration => Duration ?? DefaultDuration(Task);

    /// <summary>Number of frames per video.</summary>
    public int FrameCount => (int)Math.Round(EffectiveDuration.TotalSeconds * Fps);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(OutputDirectory), "the output folder is empty");
        Check(Videos is >= 1 and <= 100_000, $"videos must be 1..100000, got {Videos}");
        Check(EffectiveDuration >= TimeSpan.FromSeconds(3) && EffectiveDuration <= TimeSpan.FromHours(1),
            $"seconds must be 3..3600, got {EffectiveDuration.TotalSeconds}");
        Check(Width is >= 64 and <= 4096 && Height is >= 64 and <= 4096, $"size must be 64..4096 on each side, got {Width}x{Height}");
        Check(Fps is >= 1 and <= 60, $"fps must be 1..60, got {Fps}");
        Check(FrameCount <= 99_999, $"{FrameCount} frames per video exceed the 5-digit frame names (lower --seconds or --fps)");
        Check(CropSize is >= 32 and <= 1024, $"crop size must be 32..1024, got {CropSize}");
        Check(AmbiguousFraction is >= 0 and <= 1, $"ambiguous fraction must be 0..1, got {AmbiguousFraction}");
        Check(ValidationFraction is >= 0 and < 1, $"validation fraction must be 0..1 (exclusive), got {ValidationFraction}");
        Check(SampleRateHz is >= 8000 and <= 48000, $"sample rate must be 8000..48000 Hz, got {SampleRateHz}");
        Check(MaxParallelism >= 1, $"parallelism must be >= 1, got {MaxParallelism}");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
            throw new ArgumentException(message);
    }
}
