namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>Settings of the end-to-end latency harness (<c>e2e</c> mode), parsed from its command line.</summary>
public sealed record E2eOptions
{
    /// <summary>Usage of the e2e mode's options.</summary>
    public const string Usage = """
        e2e [--clip NAME|PATH] [--loops N] [--window DUR] [--hop DUR] [--slots N] [--models DIR]
          plays the clip at real time through capture -> aligner -> image extractor -> fusion and prints per-decision
          latency (capture of the newest frame used -> prediction read), drops, a per-stage breakdown and a raw ONNX
          Runtime loop over the same frames. Defaults: Megamind.avi from .media/, 1 loop, 2 s window, 0.5 s hop, 8 slots.
          DUR is seconds (e.g. 2 or 0.5).
        """;

    /// <summary>The clip: a file name in .media/ or a path.</summary>
    public string Clip { get; init; } = "Megamind.avi";

    /// <summary>How many times the clip is played back to back (timestamps continue).</summary>
    public int Loops { get; init; } = 1;

    /// <summary>Fusion window length.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Hop between windows.</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Time slots per window (the fusion graph's sequence length).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>Parses <paramref name="args"/> (the arguments after <c>e2e</c>); throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static E2eOptions Parse(IReadOnlyList<string> args)
    {
        var options = new E2eOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--clip" => options with { Clip = Value() },
                "--loops" => options with { Loops = PositiveInt(name, Value()) },
                "--slots" => options with { Slots = PositiveInt(name, Value()) },
                "--window" => options with { Window = Seconds(name, Value()) },
                "--hop" => options with { Hop = Seconds(name, Value()) },
                _ => throw new ArgumentException($"unknown e2e option '{name}'."),
            };
        }
        if (options.Hop > options.Window)
            throw new ArgumentException($"--hop {options.Hop.TotalSeconds} s is longer than --window {options.Window.TotalSeconds} s.");
        return options;
    }

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, out int value) && value > 0 ? value : throw new ArgumentException($"{name} '{text}' is not a positive whole number.");

    private static TimeSpan Seconds(string name, string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"{name} '{text}' is not a positive number of seconds.");
}
