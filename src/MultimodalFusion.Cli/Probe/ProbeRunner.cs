using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Capture;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Cli.Probe;

/// <summary>Wires <c>mmf probe</c>: each source under a supervisor into its own channel, all merged into one aligner, windows printed.</summary>
/// <remarks>
/// Live sources get small drop-oldest channels (latency stays bounded, drops are counted); files get lossless
/// ones. A source that fails for good is reported and the others keep running; the exit code then says 1.
/// </remarks>
internal sealed class ProbeRunner(ProbeSettings settings, ILoggerFactory loggerFactory, TextWriter output)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("probe");
    private readonly IClock _clock = MonotonicClock.Instance;
    private readonly List<SupervisedSource> _supervised = [];
    private readonly List<IDisposable> _ownedSources = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var registry = new MetricsRegistry(_clock);
        long origin = _clock.NowMicros;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Duration is { } duration)
            stop.CancelAfter(duration);

        var factory = new SourceFactory(new SourceFactoryOptions(origin, settings.Realtime, settings.VideoFps), _clock, loggerFactory);
        var merged = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("aligner.in", 256), registry);
        var windows = PipelineChannels.Create<AlignedWindow>(ChannelSpec.Lossless("windows", 64), registry);
        var aligner = new WindowAligner(new AlignerOptions
        {
            Window = settings.Window,
            Hop = settings.Hop,
            Deadline = settings.Deadline,
            Expected = ExpectedModalities(),
        }, _clock);
        var alignerStage = new WindowAlignerStage("aligner", merged.Reader, windows.Writer, registry.GetOrAdd("aligner"),
            aligner, TimeSpan.FromMilliseconds(50), logger: loggerFactory.CreateLogger("aligner"));

        var printer = new WindowPrinter(output, origin, _clock, settings.Quiet);
        _logger.LogInformation("Probe: {Count} sources, window {Window}, hop {Hop}, deadline {Deadline}, {Pace}",
            settings.Sources.Count, settings.Window, settings.Hop, settings.Deadline, settings.Realtime ? "real-time pacing" : "files as fast as they decode");

        var merger = new PacketMerger(registry.GetOrAdd("merge"), loggerFactory.CreateLogger("merge"));
        StartSources(factory, registry, merger, stop.Token);
        Task mergeTask = merger.RunAsync(merged.Writer);
        Task stageTask = alignerStage.Start(CancellationToken.None);
        using var metricsStop = new CancellationTokenSource();
        Task metricsTask = PrintMetricsAsync(registry, printer, metricsStop.Token);

        // Ctrl+C or --duration cancels the sources only; what they delivered still drains through the
        // aligner (flushed at the end of input), so the last windows are printed too.
        bool stageFailed = false;
        try
        {
            await foreach (AlignedWindow window in windows.Reader.ReadAllAsync(CancellationToken.None))
            {
                using (window)
                    printer.Print(window);
            }
            await stageTask;
            await mergeTask;
        }
        catch (Exception e)
        {
            stageFailed = true;
            _logger.LogError(e, "The aligner failed");
        }
        await stop.CancelAsync(); // after a normal end this changes nothing; after a failed aligner it stops the sources
        await Task.WhenAll(_supervised.Select(s => s.Completion));
        await metricsStop.CancelAsync();
        try { await metricsTask; } catch (OperationCanceledException) { }
        PipelineChannels.DisposeRemaining(windows.Reader);
        PipelineChannels.DisposeRemaining(merged.Reader);

        bool interrupted = cancellationToken.IsCancellationRequested;
        printer.PrintSummary(registry.Snapshot(), _supervised.Select(s => s.Describe()).ToList(), alignerStage.Aligner, interrupted);
        // Every supervisor has stopped, so no source runs: release what they hold (e.g. a native ASR decoder).
        _ownedSources.ForEach(d => d.Dispose());
        return stageFailed || _supervised.Any(s => s.Failed) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private ModalityMask ExpectedModalities()
    {
        // Windows wait for text only when it comes late by nature (ASR decodes after the utterance, a live
        // captioner and a transcript file paced in real time send a cue when its words end): then up to the
        // deadline. Transcript files read at full speed are ahead of everything else.
        ModalityMask mask = ModalityMask.Video;
        if (settings.Sources.Any(s => s.Modality == Modality.Audio))
            mask |= ModalityMask.Audio;
        if (settings.Sources.Any(s => s.Kind is SourceKind.Asr or SourceKind.LiveTranscript
                || (s.Kind == SourceKind.TranscriptFile && settings.Realtime)))
            mask |= ModalityMask.Text;
        return mask;
    }

    private void StartSources(SourceFactory factory, MetricsRegistry registry, PacketMerger merger, CancellationToken stop)
    {
        var ids = new SourceIds();
        // ASR listens to the first audio source through a tap that never slows that source down.
        Channel<AudioChunk>? asrAudio = settings.Sources.Any(s => s.Kind == SourceKind.Asr)
            ? PipelineChannels.Create<AudioChunk>(new ChannelSpec("asr.audio", 600, BoundedChannelFullMode.DropWrite), registry)
            : null;
        ChannelWriter<AudioChunk>? asrTap = asrAudio?.Writer;

        foreach (SourceSpec spec in settings.Sources)
        {
            string id = ids.For(spec);
            try
            {
                switch (spec.Modality)
                {
                    case Modality.Video:
                        Start(id, spec, factory.CreateVideo(spec, id), registry, merger, null, stop);
                        break;
                    case Modality.Audio:
                        Start(id, spec, factory.CreateAudio(spec, id), registry, merger, asrTap, stop);
                        asrTap = null;
                        break;
                    default:
                        Start<TranscriptSegment>(id, spec, factory.CreateText(spec, id, asrAudio?.Reader), registry, merger, null, stop);
                        break;
                }
            }
            catch (Exception e) when (e is SourceException or IOException or InvalidOperationException or ArgumentException)
            {
                // A source that cannot even be built is a failed source; the others still run.
                _logger.LogError("{Source}: cannot open: {Error}", spec.Display, e.Message);
                _supervised.Add(SupervisedSource.FailedToOpen(id, spec, e));
            }
        }
    }

    private void Start<T>(string id, SourceSpec spec, IPacketSource<T> source, MetricsRegistry registry,
        PacketMerger merger, ChannelWriter<T>? tap, CancellationToken stop) where T : ITimedPacket
    {
        var channel = PipelineChannels.Create<T>(spec.IsLive ? ChannelSpec.Live($"{id}.out", 8) : ChannelSpec.Lossless($"{id}.out", 32), registry);
        ChannelWriter<T> writer = tap is null ? channel.Writer : new TeeWriter<T>(channel.Writer, tap, Share);
        var policy = RestartPolicy.Default with { MaxRestarts = spec.IsLive ? settings.MaxRestarts : 0 };
        var supervisor = new SourceSupervisor<T>(source, writer, registry.GetOrAdd(id), policy, loggerFactory.CreateLogger($"source.{id}"));
        _supervised.Add(SupervisedSource.From(id, spec, supervisor));
        if (source is IDisposable disposable)
            _ownedSources.Add(disposable);
        merger.Add(id, channel.Reader);
        supervisor.Start(stop);
    }

    private static T Share<T>(T packet) => packet switch
    {
        AudioChunk chunk => (T)(object)chunk.Retain(),
        VideoFrame frame => (T)(object)frame.Retain(),
        _ => packet,
    };

    private async Task PrintMetricsAsync(MetricsRegistry registry, WindowPrinter printer, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(settings.MetricsEvery);
        while (await timer.WaitForNextTickAsync(stop))
            printer.PrintMetrics(registry.Snapshot());
    }
}
