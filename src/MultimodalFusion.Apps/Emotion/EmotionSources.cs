using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Capture;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>The emotion run's sources, each under its own <see cref="SourceSupervisor{T}"/>, merged into one packet channel.</summary>
/// <remarks>
/// Live sources get small drop-oldest channels (latency stays bounded, drops are counted), files lossless ones. ASR
/// listens to the first audio source through a tap that never slows it down. A source that cannot even be built is
/// recorded as failed and the others run. Owns the sources it creates (released by <see cref="Dispose"/>, after every
/// supervisor has stopped).
/// </remarks>
public sealed class EmotionSources : IDisposable
{
    private readonly List<(string Id, SourceSpec Spec, Func<EmotionSourceStatus> Status, Task Completion)> _sources = [];
    private readonly List<IDisposable> _owned = [];
    private readonly SourceFactory _factory;
    private readonly MetricsRegistry _registry;
    private readonly ILoggerFactory _logs;
    private readonly ILogger _logger;
    private readonly int? _maxLiveRestarts;

    /// <summary>Sources built by <paramref name="factory"/>; live ones restart up to <paramref name="maxLiveRestarts"/> times (null: unlimited).</summary>
    public EmotionSources(SourceFactory factory, MetricsRegistry registry, ILoggerFactory loggerFactory, int? maxLiveRestarts)
    {
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _logs = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _logger = loggerFactory.CreateLogger<EmotionSources>();
        _maxLiveRestarts = maxLiveRestarts;
    }

    /// <summary>Completes when every supervisor has stopped.</summary>
    public Task Completion => Task.WhenAll(_sources.Select(s => s.Completion));

    /// <summary>Each source's current (after <see cref="Completion"/>: final) state, in the order given.</summary>
    public IReadOnlyList<EmotionSourceStatus> Statuses => _sources.Select(s => s.Status()).ToList();

    /// <summary>
    /// The modalities windows should wait for: video, audio when there is an audio source, and text only where it comes
    /// late by nature (ASR, a live captioner, a transcript file paced in real time).
    /// </summary>
    public static ModalityMask Expected(IReadOnlyList<SourceSpec> specs, bool realtime)
    {
        ModalityMask mask = ModalityMask.Video;
        if (specs.Any(s => s.Modality == Modality.Audio))
            mask |= ModalityMask.Audio;
        if (specs.Any(s => s.Kind is SourceKind.Asr or SourceKind.LiveTranscript || (s.Kind == SourceKind.TranscriptFile && realtime)))
            mask |= ModalityMask.Text;
        return mask;
    }

    /// <summary>Builds and starts every source of <paramref name="specs"/>, adding its channel to <paramref name="merger"/>; <paramref name="stop"/> stops them.</summary>
    public void Start(IReadOnlyList<SourceSpec> specs, PacketMerger merger, CancellationToken stop)
    {
        var ids = new SourceIds(fileExtensions: true);
        Channel<AudioChunk>? asrAudio = specs.Any(s => s.Kind == SourceKind.Asr)
            ? PipelineChannels.Create<AudioChunk>(new ChannelSpec("asr.audio", 600, BoundedChannelFullMode.DropWrite), _registry)
            : null;
        ChannelWriter<AudioChunk>? asrTap = asrAudio?.Writer;
        foreach (SourceSpec spec in specs)
        {
            string id = ids.For(spec);
            try
            {
                switch (spec.Modality)
                {
                    case Modality.Video:
                        Run(id, spec, _factory.CreateVideo(spec, id), merger, null, stop);
                        break;
                    case Modality.Audio:
                        Run(id, spec, _factory.CreateAudio(spec, id), merger, asrTap, stop);
                        asrTap = null;
                        break;
                    default:
                        Run<TranscriptSegment>(id, spec, _factory.CreateText(spec, id, asrAudio?.Reader), merger, null, stop);
                        break;
                }
            }
            catch (Exception e) when (e is SourceException or IOException or InvalidOperationException or ArgumentException)
            {
                _logger.LogError("{Source}: cannot open: {Error}", spec.Display, e.Message);
                var failed = new EmotionSourceStatus(id, spec, SourceState.Failed, 0, e);
                _sources.Add((id, spec, () => failed, Task.CompletedTask));
            }
        }
        // No audio source to tap: the ASR source sees its input end at once.
        asrTap?.TryComplete();
    }

    private void Run<T>(string id, SourceSpec spec, IPacketSource<T> source, PacketMerger merger, ChannelWriter<T>? tap, CancellationToken stop)
        where T : ITimedPacket
    {
        if (source is IDisposable disposable)
            _owned.Add(disposable);
        var channel = PipelineChannels.Create<T>(spec.IsLive ? ChannelSpec.Live($"{id}.out", 8) : ChannelSpec.Lossless($"{id}.out", 32), _registry);
        ChannelWriter<T> writer = tap is null ? channel.Writer : new TeeWriter<T>(channel.Writer, tap, Share);
        var policy = RestartPolicy.Default with { MaxRestarts = spec.IsLive ? _maxLiveRestarts : 0 };
        var supervisor = new SourceSupervisor<T>(source, writer, _registry.GetOrAdd(id), policy, _logs.CreateLogger($"source.{id}"));
        _sources.Add((id, spec, () => new EmotionSourceStatus(id, spec, supervisor.State, supervisor.Restarts, supervisor.Error), supervisor.Completion));
        merger.Add(id, channel.Reader);
        supervisor.Start(stop);
    }

    private static T Share<T>(T packet) => packet switch
    {
        AudioChunk chunk => (T)(object)chunk.Retain(),
        _ => packet,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in _owned)
            owned.Dispose();
        _owned.Clear();
    }
}
