using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Apps.Clips;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Capture;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Apps.Violence;

/// <summary>The violence-alerting profile composed from validated options: every camera's loop, one rule, the store, the sinks.</summary>
/// <remarks>
/// <para>Creates the event store (<c>Sinks:Store.Path</c>, relative paths under the output folder) with one outbox per
/// configured sink (JSONL, webhook, MQTT) and each of <see cref="ViolenceAppHooks.ExtraSinks"/>, and a dispatcher each; one <see cref="AlertRule"/> with each camera's merged
/// profile; per camera a source (<see cref="SourceFactory"/>), an <see cref="OnnxFrameScorer"/> (own session),
/// an <see cref="EventClipRecorder"/> under the output folder and a <see cref="CameraScoringLoop"/>. The rule and store
/// are thread-safe and the rule's state is per camera, so the loops share one <see cref="AlertRecorder"/>.</para>
/// <para>Each camera's source runs under a <see cref="SupervisedVideoSource"/>: a live camera whose stream ends or
/// drops is reconnected with backoff (<c>Reconnect</c> options, or <see cref="ViolenceAppHooks.LiveRestartPolicy"/>) and its loop goes on; a file
/// is run once and ends normally. Per camera the app counts the source (frames, drops, restarts), the feature time and
/// the model time in <see cref="Metrics"/> (see <see cref="ViolenceCamera"/>).</para>
/// <para>Alert events across a reconnect: the camera keeps its loop and the rule keeps its per-camera state, and frame
/// times stay on the one pipeline clock, so an outage is simply frames missing (the rule counts missing frames like
/// frames below the threshold). An event open when the stream drops therefore continues under the same id when the
/// first frame after the reconnect comes less than Cutoff after its last frame above the threshold (and ends later as
/// usual); otherwise that first frame ends it, with its end time at its last frame above before the outage, and the
/// cooldown runs from there. Nothing is lost or sent twice: no transition is made up for the outage, and a stream that
/// never comes back leaves the event open in the store, as a stop does, for the next run to resume or end. The scoring
/// window is not reset: the first hop after a reconnect may still see up to one Window of frames from before it.</para>
/// <para>Owns everything it creates (not the hooks' extra sinks); <see cref="DisposeAsync"/> finishes open clips, stops dispatchers (pending rows stay
/// in the outbox for the next run) and closes the store.</para>
/// </remarks>
public sealed class ViolenceApp : IAsyncDisposable
{
    private readonly List<OutboxDispatcher> _dispatchers = [];
    private readonly List<IAlertSink> _sinks = [];
    private readonly List<OnnxFrameScorer> _scorers = [];
    private readonly List<EventClipRecorder> _clips = [];
    private readonly List<CameraScoringLoop> _loops = [];
    private readonly List<ViolenceCamera> _cameras = [];
    private readonly List<IFrameFeatures> _features = [];
    private readonly ViolenceModels? _ownedModels;
    private readonly ILogger _logger;

    /// <summary>
    /// Builds the app for <paramref name="options"/> (validated again here) with the per-frame violence model at
    /// <paramref name="modelPath"/>, writing clips and relative store/JSONL paths under <paramref name="outputDir"/>.
    /// <paramref name="realtime"/>: file cameras play at their own pace (false: as fast as decoding allows).
    /// <paramref name="hooks"/>: extra sinks and a per-frame callback (see <see cref="ViolenceAppHooks"/>).
    /// The model is fed mean BGR frame features (<see cref="ViolenceModels.FromFile"/>).
    /// </summary>
    public ViolenceApp(ViolenceAppOptions options, string modelPath, string outputDir, IClock clock,
        ILoggerFactory? loggerFactory = null, bool realtime = true, ViolenceAppHooks? hooks = null)
        : this(options, ViolenceModels.FromFile(modelPath), ownsModels: true, outputDir, clock, loggerFactory, realtime, hooks)
    {
    }

    /// <summary>
    /// As the other constructor, with <paramref name="models"/> (not owned: dispose it after the app), e.g. a models
    /// folder's image extractor and violence fusion model (<see cref="ViolenceModels.FromFolder"/>).
    /// </summary>
    public ViolenceApp(ViolenceAppOptions options, ViolenceModels models, string outputDir, IClock clock,
        ILoggerFactory? loggerFactory = null, bool realtime = true, ViolenceAppHooks? hooks = null)
        : this(options, models, ownsModels: false, outputDir, clock, loggerFactory, realtime, hooks)
    {
    }

    private ViolenceApp(ViolenceAppOptions options, ViolenceModels models, bool ownsModels, string outputDir, IClock clock,
        ILoggerFactory? loggerFactory, bool realtime, ViolenceAppHooks? hooks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(clock);
        _ownedModels = ownsModels ? models : null;
        options.Validate();
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = logs.CreateLogger<ViolenceApp>();
        OutputDir = Path.GetFullPath(outputDir);
        Mapping = ClockUtcMapping.Capture(clock);
        Models = models;
        Metrics = hooks?.Metrics ?? new MetricsRegistry(clock);
        try
        {
            _logger.LogInformation("Violence model: {Models}", models.Description);
            hooks ??= new ViolenceAppHooks();
            var sinks = CreateSinks(options.Sinks, logs).Concat(hooks.ExtraSinks).ToList();
            var duplicate = sinks.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new ArgumentException($"Two alert sinks are named '{duplicate.Key}': each sink needs its own name (it keys the outbox rows).", nameof(hooks));
            Store = new SqliteEventStore(Under(options.Sinks.Store.Path), sinks.Select(s => s.Name), logs.CreateLogger<SqliteEventStore>());
            foreach (var sink in sinks)
                _dispatchers.Add(new OutboxDispatcher(Store, sink, logger: logs.CreateLogger<OutboxDispatcher>()));
            var perCamera = options.Cameras.ToDictionary(c => c.Id, c => options.ProfileFor(c).ToAlertRuleOptions(), StringComparer.Ordinal);
            Rule = new AlertRule(options.Profiles.Violence.ToAlertRuleOptions(), Mapping, logs.CreateLogger<AlertRule>(), perCamera);
            var recorder = new AlertRecorder(Rule, Store, logs.CreateLogger<AlertRecorder>());
            // Events a killed run left open continue under their ids (AlertRecorder); their cameras' clip recorders
            // record the rest from the first frame, to be joined onto what the killed run got to disk.
            var openEvents = Store.LoadRuleStates(Rule.Options.Kind).Where(s => s.OpenEventId is not null)
                .ToDictionary(s => s.Camera, s => s.OpenEventId!, StringComparer.Ordinal);
            foreach (var camera in options.Cameras)
            {
                var profile = options.ProfileFor(camera);
                var factory = new SourceFactory(new SourceFactoryOptions(clock.NowMicros, realtime, camera.Fps), clock, logs);
                var spec = SourceSpec.Parse(camera.Url);
                // Files run once (a broken file fails its camera); live streams reconnect with backoff.
                var policy = spec.IsLive ? hooks.LiveRestartPolicy ?? options.Reconnect.ToRestartPolicy() : RestartPolicy.Default with { MaxRestarts = 0 };
                var source = new SupervisedVideoSource(factory.CreateVideo(spec, camera.Id), Metrics.GetOrAdd($"{camera.Id}/source"), policy,
                    logs.CreateLogger<SupervisedVideoSource>());
                // Room for twice the frames a window holds at the camera's rate; more would score only the newest.
                var scorer = new OnnxFrameScorer(models.FusionModelPath, 2 * (int)Math.Ceiling(profile.Window.TotalSeconds * camera.Fps));
                _scorers.Add(scorer);
                var features = models.CreateFeatures();
                _features.Add(features);
                var featureTime = new ModelTimer(Metrics.GetOrAdd($"{camera.Id}/features"));
                var modelTime = new ModelTimer(Metrics.GetOrAdd($"{camera.Id}/model"));
                var clips = new EventClipRecorder(camera.Id, OutputDir, profile.ToClipOptions(camera.Fps), logs.CreateLogger<EventClipRecorder>());
                _clips.Add(clips);
                if (openEvents.TryGetValue(camera.Id, out string? openEvent))
                    clips.ResumeEventAsync(openEvent).AsTask().GetAwaiter().GetResult();   // the first command of an empty queue: completes at once
                var loop = new CameraScoringLoop(camera, profile, source, scorer, recorder, clips, Mapping, new TimedFrameFeatures(features, featureTime),
                    logs.CreateLogger<CameraScoringLoop>())
                {
                    FrameScored = hooks.FrameScored,
                    ModelTime = modelTime,
                };
                _loops.Add(loop);
                _cameras.Add(new ViolenceCamera(camera, spec.IsLive, source, loop, featureTime, modelTime));
            }
        }
        catch
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Absolute output folder (clips/, relative store and JSONL paths).</summary>
    public string OutputDir { get; }

    /// <summary>The models the cameras run.</summary>
    public ViolenceModels Models { get; }

    /// <summary>The pipeline-clock to UTC mapping of every event time.</summary>
    public ClockUtcMapping Mapping { get; }

    /// <summary>The event store (owned).</summary>
    public SqliteEventStore Store { get; } = null!;

    /// <summary>The one rule of all cameras.</summary>
    public AlertRule Rule { get; } = null!;

    /// <summary>The registry of every camera's source, feature and model metrics (<see cref="ViolenceAppHooks.Metrics"/> or the app's own).</summary>
    public MetricsRegistry Metrics { get; }

    /// <summary>Every camera (source, loop, timers), in configuration order.</summary>
    public IReadOnlyList<ViolenceCamera> Cameras => _cameras;

    /// <summary>One loop per camera, in configuration order.</summary>
    public IReadOnlyList<CameraScoringLoop> Loops => _loops;

    /// <summary>One clip recorder per camera, in configuration order.</summary>
    public IReadOnlyList<EventClipRecorder> Clips => _clips;

    /// <summary>The dispatchers, one per configured sink.</summary>
    public IReadOnlyList<OutboxDispatcher> Dispatchers => _dispatchers;

    /// <summary>Runs every camera until all sources end or <paramref name="cancellationToken"/> fires; a failing camera does not stop the others.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var runs = _loops.Select(async (loop, i) =>
        {
            try
            {
                await loop.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError("Camera {Camera} stopped: {Message}", _clips[i].Camera, Core.Diagnostics.CredentialRedactor.Redact(ex.Message));
            }
        }).ToList();
        await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var clips in _clips)
            await clips.DisposeAsync().ConfigureAwait(false);
        foreach (var dispatcher in _dispatchers)
            await dispatcher.DisposeAsync().ConfigureAwait(false);
        foreach (var sink in _sinks)
            await sink.DisposeAsync().ConfigureAwait(false);
        foreach (var scorer in _scorers)
            scorer.Dispose();
        foreach (var features in _features)
            (features as IDisposable)?.Dispose();
        _ownedModels?.Dispose();
        Store?.Dispose();
    }

    private string Under(string path) => Path.IsPathRooted(path) ? path : Path.Combine(OutputDir, path);

    private List<IAlertSink> CreateSinks(SinksOptions options, ILoggerFactory logs)
    {
        var sinks = _sinks;
        if (options.Jsonl is { } jsonl)
            sinks.Add(new JsonlSink(Under(jsonl.Path)));
        if (options.Webhook is { } webhook)
            sinks.Add(new WebhookSink(webhook, logger: logs.CreateLogger<WebhookSink>()));
        if (options.Mqtt is { } mqtt)
            sinks.Add(new MqttSink(mqtt, logs.CreateLogger<MqttSink>()));
        return sinks;
    }
}
