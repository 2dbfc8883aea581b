using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Capture;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>
/// The live emotion monitor: sources (supervised) -> window aligner -> <see cref="EmotionFusionStage"/> (face, clip,
/// audio and text features once per window, then the VA and expression models) -> <see cref="EmotionReading"/> per
/// window (smoothed) -> live view, JSONL/CSV lines, and at the end the session summary and trajectory PNG.
/// </summary>
/// <remarks>
/// <para>The run ends when every source has ended, at <see cref="EmotionAppOptions.Duration"/> or on cancellation
/// (Ctrl+C): then the sources stop and what they delivered still drains through the aligner and the models, so the
/// last windows are fused too. A source that fails is reported in the result while the others continue.</para>
/// <para>Windows are dropped (oldest first, counted) only when a live source feeds models slower than real time;
/// file runs lose nothing. Times are microseconds on <paramref name="clock"/>; file sources are placed on it from
/// the start of the run. One run per instance.</para>
/// </remarks>
public sealed class EmotionApp(EmotionAppOptions options, IClock clock, ILoggerFactory? loggerFactory = null)
{
    private readonly ILoggerFactory _logs = loggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>File name of the per-window lines under the output folder (extension per format).</summary>
    public const string ReadingsBaseName = "emotion";

    /// <summary>File name of the text summary under the output folder.</summary>
    public const string SummaryFileName = "emotion-summary.txt";

    /// <summary>File name of the trajectory PNG under the output folder.</summary>
    public const string PlotFileName = "emotion-trajectory.png";

    /// <summary>Per-stage counters of the run (sources, channels, aligner, fusion).</summary>
    public MetricsRegistry Metrics { get; } = new(clock);

    /// <summary>The stream id of the run's video source (as in logs, metrics and <see cref="EmotionFrameCallback"/>).</summary>
    /// <remarks>Given out in the order of <see cref="EmotionAppOptions.Sources"/>, as <see cref="EmotionSources"/> does.</remarks>
    public string VideoSourceId
    {
        get
        {
            var ids = new SourceIds(fileExtensions: true);
            return options.Sources.Select(s => (s, Id: ids.For(s))).First(p => p.s.Modality == Modality.Video).Id;
        }
    }

    /// <summary>
    /// Runs to the end. <paramref name="view"/> shows each reading (optional); <paramref name="onReading"/> is called
    /// for each, on the run's loop, after it was written; <paramref name="hooks"/> add a reading and a frame observer.
    /// </summary>
    /// <exception cref="Inference.Sessions.ModelLoadException">A model is missing or wrong (nothing was opened).</exception>
    /// <exception cref="IOException">An output file cannot be created.</exception>
    public async Task<EmotionRunResult> RunAsync(CancellationToken cancellationToken, EmotionLiveView? view = null, Action<EmotionReading>? onReading = null,
        EmotionAppHooks? hooks = null)
    {
        options.Validate();
        hooks?.Validate();
        var logger = _logs.CreateLogger<EmotionApp>();
        using var models = EmotionModels.Load(options.ModelsDirectory, options.Window, options.Hop, options.MiniLmDllPath, _logs);
        string? outDir = options.OutputDirectory is null ? null : Path.GetFullPath(options.OutputDirectory);
        string? readingsFile = outDir is null ? null
            : Path.Combine(outDir, ReadingsBaseName + (options.Format == EmotionOutputFormat.Csv ? ".csv" : ".jsonl"));
        using var writer = readingsFile is null ? null : EmotionOutputWriter.Open(readingsFile);
        foreach (string line in models.Description)
            logger.LogInformation("Emotion model {Model}", line);
        logger.LogInformation("Emotion: window {Window}, hop {Hop}, {Slots} slots, deadline {Deadline}, {Pace}", models.Window, models.Hop,
            models.TimeSteps, options.Deadline, options.Realtime ? "real-time pacing" : "files as fast as they decode");

        bool live = options.Sources.Any(s => s.IsLive);
        var merged = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("aligner.in", 256), Metrics);
        var windows = PipelineChannels.Create<AlignedWindow>(live ? ChannelSpec.Live("windows", 4) : ChannelSpec.Lossless("windows", 16), Metrics);
        var predictions = PipelineChannels.Create<FusionPrediction>(ChannelSpec.Lossless("predictions", 64), Metrics);
        var aligner = new WindowAligner(new AlignerOptions
        {
            Window = models.Window,
            Hop = models.Hop,
            // Files read as fast as they decode are on media time, which a slow decoder (a busy machine) can leave behind
            // the clock: a deadline would then emit windows before their frames arrive. Such runs wait for the data.
            Deadline = live || options.Realtime ? options.Deadline : TimeSpan.FromDays(1),
            Expected = EmotionSources.Expected(options.Sources, options.Realtime),
        }, clock);
        var alignerStage = new WindowAlignerStage("aligner", merged.Reader, windows.Writer, Metrics.GetOrAdd("aligner"), aligner,
            TimeSpan.FromMilliseconds(50), logger: _logs.CreateLogger("aligner"));
        var fusion = new EmotionFusionStage("emotion", windows.Reader, predictions.Writer, Metrics.GetOrAdd("emotion"), models.Fusion,
            models.Features, models.TimeSteps, _logs.CreateLogger<EmotionFusionStage>());

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
            stop.CancelAfter(duration);
        long origin = clock.NowMicros;   // file sources start here; the view shows times relative to it
        if (view is not null)
            view.OriginMicros = origin;
        var factory = new SourceFactory(new SourceFactoryOptions(origin, options.Realtime), clock, _logs);
        using var sources = new EmotionSources(factory, Metrics, _logs, options.MaxLiveRestarts);
        var merger = new PacketMerger(Metrics.GetOrAdd("merge"), _logs.CreateLogger("merge"));
        sources.Start(options.Sources, merger, stop.Token);
        using var frameDetector = hooks?.Frame is null ? null : FrameDetector(logger);
        var tap = hooks?.Frame is { } onFrame
            ? new EmotionFrameTap(merged.Writer, onFrame, hooks.FrameInterval, frameDetector, clock, _logs.CreateLogger("emotion.frames"))
            : null;
        Task mergeTask = merger.RunAsync(tap ?? merged.Writer);
        Task alignTask = alignerStage.Start(CancellationToken.None);
        Task fusionTask = fusion.Start(CancellationToken.None);

        var summary = new EmotionSessionSummary();
        var smoother = new VaSmoother(options.SmoothingTimeConstant, TimeSpan.FromSeconds(5) + 2 * models.Window);
        var rate = Stopwatch.StartNew();
        string? error = null;
        try
        {
            // Cancellation stops the sources only; the pipeline drains what they delivered and then ends by itself.
            await foreach (FusionPrediction prediction in predictions.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var reading = EmotionReading.FromPrediction(prediction, smoother);
                summary.Add(reading);
                writer?.Write(reading);
                double fps = summary.WindowCount / Math.Max(rate.Elapsed.TotalSeconds, 1e-3);
                view?.Render(reading, fps, Micros.ToTimeSpan(Math.Max(0, clock.NowMicros - reading.EndMicros)));
                onReading?.Invoke(reading);
                Observe(hooks?.Reading, reading, logger);
            }
            await Task.WhenAll(alignTask, fusionTask, mergeTask).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = CredentialRedactor.Redact(ex.Message);
            logger.LogError("The emotion pipeline failed: {Error}", error);
        }
        bool interrupted = stop.IsCancellationRequested;
        await stop.CancelAsync().ConfigureAwait(false);   // after a failure, stop the sources too
        await sources.Completion.ConfigureAwait(false);
        await Task.WhenAll(alignTask, fusionTask, mergeTask).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        PipelineChannels.DisposeRemaining(predictions.Reader);
        PipelineChannels.DisposeRemaining(windows.Reader);
        PipelineChannels.DisposeRemaining(merged.Reader);
        if (tap is not null)
        {
            tap.TryComplete();   // already completed by the merger unless it failed
            await tap.Completion.ConfigureAwait(false);
        }

        var (summaryFile, plotFile) = outDir is null ? (null, null) : SaveSummary(summary, outDir);
        return new EmotionRunResult(summary, sources.Statuses, models.Description, aligner.WindowsEmitted, interrupted, error,
            readingsFile, summaryFile, plotFile, models.Faces?.FramesExamined ?? 0, models.Faces?.FramesWithoutFace ?? 0);
    }

    // The frame observer's own detector (the face features keep theirs inside); without the cascade frames go without a box.
    private static HaarFaceDetector? FrameDetector(ILogger logger)
    {
        try
        {
            return new HaarFaceDetector();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            logger.LogWarning("Frames are observed without face boxes: {Error}", ex.Message);
            return null;
        }
    }

    private static void Observe(Action<EmotionReading>? observer, EmotionReading reading, ILogger logger)
    {
        try
        {
            observer?.Invoke(reading);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("The reading observer failed: {Error}", ex.Message);
        }
    }

    private static (string Summary, string? Plot) SaveSummary(EmotionSessionSummary summary, string outDir)
    {
        Directory.CreateDirectory(outDir);
        string summaryFile = Path.Combine(outDir, SummaryFileName);
        using (var text = new StreamWriter(summaryFile, append: false))
            summary.WriteText(text);
        if (summary.WindowCount == 0)
            return (summaryFile, null);
        string plotFile = Path.Combine(outDir, PlotFileName);
        summary.SaveTrajectoryPng(plotFile);
        return (summaryFile, plotFile);
    }
}
