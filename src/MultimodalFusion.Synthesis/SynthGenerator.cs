using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Synthesis.Emotion;
using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.Synthesis.Speech;
using MultimodalFusion.Synthesis.Violence;

namespace MultimodalFusion.Synthesis;

/// <summary>
/// Generates a seeded synthetic multimodal dataset: emotion videos in the Aff-Wild2 layout or violence clips in
/// the DVD layout, each with a 16 kHz WAV, an SRT transcript and a <c>synth.json</c> manifest.
/// </summary>
/// <remarks>
/// Same options (seed included) give byte-identical label files, frames, WAVs, transcripts and manifest, whatever
/// the parallelism. A dataset an earlier run wrote into the same folder (found through its <c>synth.json</c>) is
/// removed first, so a smaller rerun leaves no stale videos behind; files that manifest does not list are left alone.
/// Thread-safe for different output folders.
/// </remarks>
public sealed class SynthGenerator
{
    private readonly ILogger _logger;

    /// <summary>Creates a generator that logs progress to <paramref name="logger"/>.</summary>
    public SynthGenerator(ILogger? logger = null) => _logger = logger ?? NullLogger.Instance;

    /// <summary>Writes the dataset described by <paramref name="options"/> and returns its manifest (also written to <c>synth.json</c>).</summary>
    /// <param name="options">What to generate; validated first.</param>
    /// <param name="progress">Receives the number of videos finished so far (from worker threads).</param>
    /// <param name="cancellationToken">Stops before the next video starts.</param>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    /// <exception cref="InvalidOperationException">espeak-ng is missing or failed.</exception>
    /// <exception cref="IOException">A file could not be written; the message names it.</exception>
    public SynthManifest Generate(SynthOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        Directory.CreateDirectory(options.OutputDirectory);
        RemovePrevious(options.OutputDirectory);
        var speech = new EspeakSpeech(options.EspeakExecutable, options.SampleRateHz);
        bool emotion = options.Task == SynthTask.Emotion;
        string trainSplit = emotion ? AffWild2Splits.Train : ViolenceVideoGenerator.TrainSplit;
        string validationSplit = emotion ? AffWild2Splits.Validation : ViolenceVideoGenerator.ValidationSplit;
        bool[] validation = ValidationMask(options);
        Func<int, string, string, SynthVideo> generate = emotion
            ? new EmotionVideoGenerator(options, speech, new AffWild2Layout(options.OutputDirectory)).Generate
            : new ViolenceVideoGenerator(options, speech, new DvdLayout(options.OutputDirectory)).Generate;
        string prefix = emotion ? "emotion" : "violence";

        _logger.LogInformation("Generating {Videos} {Task} videos of {Seconds} s at {Fps} fps, {Width}x{Height}, seed {Seed} into {Dir}",
            options.Videos, prefix, options.EffectiveDuration.TotalSeconds, options.Fps, options.Width, options.Height, options.Seed, options.OutputDirectory);
        var videos = new SynthVideo[options.Videos];
        int done = 0;
        Parallel.For(0, options.Videos, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken }, i =>
        {
            string name = $"{prefix}-{i + 1:D4}";
            videos[i] = generate(i, name, validation[i] ? validationSplit : trainSplit);
            _logger.LogDebug("Wrote {Name} ({Segments} segments)", name, videos[i].Segments.Count);
            progress?.Report(Interlocked.Increment(ref done));
        });

        var manifest = new SynthManifest
        {
            Task = options.Task,
            Layout = emotion ? "aff-wild2" : "dvd",
            Seed = options.Seed,
            Settings = SynthSettings.From(options),
            Counts = SynthCounts.Of(videos, trainSplit),
            Videos = videos,
        };
        manifest.Write(Path.Combine(options.OutputDirectory, SynthManifest.FileName));
        _logger.LogInformation("Wrote {Videos} videos ({Train} train, {Validation} validation), {Frames} frames, {Segments} segments",
            manifest.Counts.Videos, manifest.Counts.Train, manifest.Counts.Validation, manifest.Counts.Frames, manifest.Counts.Segments);
        return manifest;
    }

    /// <summary>Deletes the files and folders listed by an earlier run's manifest in <paramref name="root"/>, and the manifest.</summary>
    private void RemovePrevious(string root)
    {
        string path = Path.Combine(root, SynthManifest.FileName);
        if (!File.Exists(path))
            return;
        var previous = SynthManifest.Read(path);
        string fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        var listed = previous.Videos
            .SelectMany(v => v.Labels.Append(v.Video).Append(v.Audio).Append(v.Transcript).Append(v.FramesDirectory))
            .Select(relative => (relative, full: Path.GetFullPath(Path.Combine(root, relative))))
            .ToList();
        // A manifest edited by hand must not send deletions outside the dataset folder: check all before removing any.
        foreach (var (relative, full) in listed)
            if (!full.StartsWith(fullRoot, StringComparison.Ordinal))
                throw new InvalidDataException($"{path} lists '{relative}', which lies outside {root}; not removing the previous dataset.");
        foreach (var (_, full) in listed)
        {
            if (File.Exists(full))
                File.Delete(full);
            else if (Directory.Exists(full))
                Directory.Delete(full, recursive: true);
        }
        File.Delete(path);
        _logger.LogInformation("Removed the {Videos} videos of the previous synthetic dataset in {Dir}", previous.Videos.Count, root);
    }

    /// <summary>Which videos go to validation: a seeded choice of round(N x fraction), at least one when N >= 2 and fraction > 0.</summary>
    internal static bool[] ValidationMask(SynthOptions options)
    {
        int n = options.Videos;
        int count = (int)Math.Round(n * options.ValidationFraction);
        if (count == 0 && n >= 2 && options.ValidationFraction > 0)
            count = 1;
        var order = Enumerable.Range(0, n).ToArray();
        SeedMixer.Create(options.Seed, -1).Shuffle(order);
        var mask = new bool[n];
        foreach (int i in order.AsSpan(0, Math.Min(count, n - 1 < 0 ? 0 : n - 1)))
            mask[i] = true;
        return mask;
    }
}
