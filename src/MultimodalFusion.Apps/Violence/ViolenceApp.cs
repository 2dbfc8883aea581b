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

namespace MultimodalFusion.Apps.Violence;

/// <summary>The violence-alerting profile composed from validated options: every camera's loop, one rule, the store, the sinks.</summary>
/// <remarks>
/// <para>Creates the event store (<c>Sinks:Store.Path</c>, relative paths under the output folder) with one outbox per
/// configured sink (JSONL, webhook, MQTT) and each of <see cref="ViolenceAppHooks.ExtraSinks"/>, and a dispatcher each; one <see cref="AlertRule"/> with each camera's merged
/// profile; per camera a source (<see cref="SourceFactory"/>), an <see cref="OnnxFrameScorer"/> (own session),
/// an <see cref="EventClipRecorder"/> under the output folder and a <see cref="CameraScoringLoop"/>. The rule and store
/// are thread-safe and the rule's state is per camera, so the loops share one <see cref="AlertRecorder"/>.</para>
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
            foreach (var camera in options.Cameras)
            {
                var profile = options.ProfileFor(camera);
                var factory = new SourceFactory(new SourceFactoryOptions(clock.NowMicros, realtime, camera.Fps), clock, logs);
                var source = factory.CreateVideo(SourceSpec.Parse(camera.Url), camera.Id);
                // Room for twice the frames a window holds at the camera's rate; more would score only the newest.
                var scorer = new OnnxFrameScorer(models.FusionModelPath, 2 * (int)Math.Ceiling(profile.Window.TotalSeconds * camera.Fps));
                _scorers.Add(scorer);
                var features = models.CreateFeatures();
                _features.Add(features);
                var clips = new EventClipRecorder(camera.Id, OutputDir, profile.ToClipOptions(camera.Fps), logs.CreateLogger<EventClipRecorder>());
                _clips.Add(clips);
                _loops.Add(new CameraScoringLoop(camera, profile, source, scorer, recorder, clips, Mapping, features, logs.CreateLogger<CameraScoringLoop>())
                {
                    FrameScored = hooks.FrameScored,
                });
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
