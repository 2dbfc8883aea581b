using System.Globalization;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>Settings of the end-to-end latency harness (<c>e2e</c> mode), parsed from its command line.</summary>
public sealed record E2eOptions
{
    /// <summary>Usage of the e2e mode's options.</summary>
    public const string Usage = """
        e2e [--clip NAME|PATH] [--loops N] [--window DUR] [--hop DUR] [--slots N] [--models DIR]
            [--overload 2x[,4x...]] [--duration DUR] [--bucket DUR] [--calibrate DUR] [--artifacts DIR] [--provider cpu|cuda|tensorrt]
          The clip is decoded once into memory; its frames are replayed at real time (each copied into a pooled frame,
          as a camera delivers it) through capture -> aligner -> image extractor -> fusion, and then replayed the same
          way through a raw ONNX Runtime loop doing the same model work per decision on the same sessions. Prints and
          writes per-decision latency (capture of the newest frame used -> prediction read), drops per queue, a
          per-stage breakdown and the overhead ratio.
          --overload Nx   after measuring the speed the pipeline sustains (frames as fast as it takes them, lossless
                          queues), replays at N times that speed with the live (DropOldest) queues for --duration and
                          reports latency per --bucket (p50/p99), drops per queue and a verdict, flat or growing.
          Defaults: Megamind.avi from .media/, 1 loop, 2 s window, 0.5 s hop, 8 slots, --duration 1m, --bucket 1m
          (shorter when the duration is), --calibrate 5s, --artifacts BenchmarkDotNet.Artifacts/e2e, --provider cpu
          (cuda and tensorrt need a build with -p:UseGpu=true; without a GPU the sessions fall back to the CPU, logged).
          DUR is seconds (2, 0.5) or with a unit (90s, 10m).
        """;

    /// <summary>The clip: a file name in .media/ or a path.</summary>
    public string Clip { get; init; } = "Megamind.avi";

    /// <summary>How many times the clip is replayed back to back at real time (timestamps continue).</summary>
    public int Loops { get; init; } = 1;

    /// <summary>Fusion window length (media time).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Hop between windows (media time).</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Time slots per window (the fusion graph's sequence length).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>Overload factors: multiples of the sustained speed; empty for no overload runs.</summary>
    public IReadOnlyList<double> Overload { get; init; } = [];

    /// <summary>Wall time of each overload run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Bucket of the latency-over-time table; null: one minute, or a quarter of a shorter duration.</summary>
    public TimeSpan? Bucket { get; init; }

    /// <summary>Wall time of the sustained-speed measurement that precedes overload runs.</summary>
    public TimeSpan Calibrate { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Folder of the markdown report and the PNG histogram.</summary>
    public string Artifacts { get; init; } = Path.Combine("BenchmarkDotNet.Artifacts", "e2e");

    /// <summary>Execution provider of both sessions.</summary>
    public MultimodalFusion.Inference.Sessions.ExecutionProvider Provider { get; init; } = MultimodalFusion.Inference.Sessions.ExecutionProvider.Cpu;

    /// <summary>The bucket actually used for the overload tables.</summary>
    public TimeSpan EffectiveBucket => Bucket ?? (Duration >= TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(1) : Duration / 4);

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
                "--window" => options with { Window = ParseDuration(name, Value()) },
                "--hop" => options with { Hop = ParseDuration(name, Value()) },
                "--overload" => options with { Overload = Factors(name, Value()) },
                "--duration" => options with { Duration = ParseDuration(name, Value()) },
                "--bucket" => options with { Bucket = ParseDuration(name, Value()) },
                "--calibrate" => options with { Calibrate = ParseDuration(name, Value()) },
                "--artifacts" => options with { Artifacts = Value() },
                "--provider" => options with { Provider = Value() switch
                {
                    "cpu" => MultimodalFusion.Inference.Sessions.ExecutionProvider.Cpu,
                    "cuda" => MultimodalFusion.Inference.Sessions.ExecutionProvider.Cuda,
                    "tensorrt" => MultimodalFusion.Inference.Sessions.ExecutionProvider.TensorRt,
                    var other => throw new ArgumentException($"--provider '{other}' is not one of cpu, cuda, tensorrt."),
                } },
                _ => throw new ArgumentException($"unknown e2e option '{name}'."),
            };
        }
        if (args.Contains("--overload") && options.Overload.Count == 0)
            throw new ArgumentException("--overload needs at least one factor (e.g. 2x or 2x,4x).");
        if (options.Hop > options.Window)
            throw new ArgumentException($"--hop {options.Hop.TotalSeconds} s is longer than --window {options.Window.TotalSeconds} s.");
        if (options.EffectiveBucket > options.Duration)
            throw new ArgumentException($"--bucket {options.EffectiveBucket.TotalSeconds} s is longer than --duration {options.Duration.TotalSeconds} s.");
        return options;
    }

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, out int value) && value > 0 ? value : throw new ArgumentException($"{name} '{text}' is not a positive whole number.");

    /// <summary>Seconds ("2", "0.5", "90s") or minutes ("10m").</summary>
    private static TimeSpan ParseDuration(string name, string text)
    {
        double scale = 1;
        string number = text;
        if (text.EndsWith('m'))
            (scale, number) = (60, text[..^1]);
        else if (text.EndsWith('s'))
            number = text[..^1];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0
            ? TimeSpan.FromSeconds(value * scale)
            : throw new ArgumentException($"{name} '{text}' is not a positive duration (seconds, or with a unit: 90s, 10m).");
    }

    /// <summary>"2x", "2x,4x" or "3": factors above 1.</summary>
    private static double[] Factors(string name, string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
            double.TryParse(part.TrimEnd('x', 'X'), NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f > 1
                ? f
                : throw new ArgumentException($"{name} '{part}' is not a factor above 1 (e.g. 2x or 2x,4x)."))];
}
