using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Apps.Clips;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Apps.Violence;

/// <summary>One camera's violence loop: frames -> per-frame model scores every Hop -> alert rule + store/outbox -> clip recorder.</summary>
/// <remarks>
/// <para>Every Hop (frame time) the model scores the frames of the last Window; the frames new since the previous hop
/// get that window's scores and go to the <see cref="AlertRecorder"/> in time order, so each frame is scored once
/// and the rule sees a score per frame, at most one Hop late. A start/end transition opens/closes the event's clip.</para>
/// <para>Ownership: frames come from <paramref name="source"/> through a bounded channel (Wait mode: a file source
/// slows down; a live source applies its own drop policy upstream). The loop disposes each frame after handing it to
/// the clip recorder (which keeps its own reference) and computing its features; it keeps only features (and, while
/// <see cref="FrameScored"/> is set, a reference to each frame until it is scored).
/// The loop owns none of its collaborators.</para>
/// </remarks>
public sealed class CameraScoringLoop
{
    private readonly CameraOptions _camera;
    private readonly ViolenceProfileOptions _profile;
    private readonly IPacketSource<VideoFrame> _source;
    private readonly OnnxFrameScorer _scorer;
    private readonly AlertRecorder _alerts;
    private readonly EventClipRecorder? _clips;
    private readonly ClockUtcMapping _mapping;
    private readonly IFrameFeatures _features;
    private readonly ILogger _logger;
    // The window: capture times and feature rows side by side, oldest first. Rows are reused through _spareRows, and
    // _scores grows to the longest window seen, so steady-state scoring allocates nothing per frame or hop.
    private readonly List<long> _micros = [];
    private readonly List<float[]> _rows = [];
    private readonly Stack<float[]> _spareRows = new();
    private float[] _scores = [];
    private readonly List<AlertEvent> _transitions = [];
    // Frames awaiting their score, each holding its own reference (only while FrameScored is set); at most one Hop of them.
    private readonly Queue<VideoFrame> _unscored = new();
    private long _nextHop = long.MinValue;
    private long _lastScored = long.MinValue;
    private long _framesScored;

    /// <summary>
    /// A loop for <paramref name="camera"/> with its merged <paramref name="profile"/>; <paramref name="mapping"/> must be the
    /// one the alert rule uses; <paramref name="features"/> computes the model's per-frame input (default <see cref="MeanBgrFeatures"/>;
    /// not owned). Throws <see cref="ArgumentException"/> when its size is not the model's.
    /// </summary>
    public CameraScoringLoop(CameraOptions camera, ViolenceProfileOptions profile, IPacketSource<VideoFrame> source, OnnxFrameScorer scorer,
        AlertRecorder alerts, EventClipRecorder? clips, ClockUtcMapping mapping, IFrameFeatures? features = null,
        ILogger<CameraScoringLoop>? logger = null)
    {
        _camera = camera ?? throw new ArgumentNullException(nameof(camera));
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _clips = clips;
        _mapping = mapping;
        _features = features ?? MeanBgrFeatures.Instance;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (_features.FeatureSize != scorer.FeatureSize)
            throw new ArgumentException($"Camera {camera.Id}: {_features.Description} gives {_features.FeatureSize} floats per frame; " +
                $"the violence model {scorer.ModelPath} wants {scorer.FeatureSize}.", nameof(features));
    }

    /// <summary>
    /// Called for each frame after its score went to the rule (frame borrowed for the call only); null: none. While set,
    /// the loop keeps each frame (a reference to its pooled pixels) until it is scored, at most one Hop.
    /// </summary>
    public FrameScoredCallback? FrameScored { get; init; }

    /// <summary>Times each call of the violence model (one per hop); null: not timed.</summary>
    public ModelTimer? ModelTime { get; init; }

    /// <summary>Frames whose score went to the rule.</summary>
    public long FramesScored => Interlocked.Read(ref _framesScored);

    /// <summary>Transitions produced so far (read after <see cref="RunAsync"/> returns).</summary>
    public IReadOnlyList<AlertEvent> Transitions => _transitions;

    /// <summary>Runs until the source ends (files) or <paramref name="cancellationToken"/> fires; the last partial hop is scored at the end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var frames = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        // The source stops with the loop, also when scoring fails, so that it never waits on a channel nobody reads.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var capture = RunSourceAsync(frames.Writer, stop.Token);
        long hop = Micros.From(_profile.Hop), window = Micros.From(_profile.Window);
        try
        {
            await foreach (var frame in frames.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    if (_micros.Count > 0 && frame.CaptureMicros <= _micros[^1])
                        continue;
                    if (_clips is not null)
                        await _clips.AddFrameAsync(frame, cancellationToken).ConfigureAwait(false);
                    var row = _spareRows.Count > 0 ? _spareRows.Pop() : new float[_features.FeatureSize];
                    _features.Write(frame, row);
                    _micros.Add(frame.CaptureMicros);
                    _rows.Add(row);
                    if (FrameScored is not null)
                        _unscored.Enqueue(frame.Retain());
                }
                long now = _micros[^1];
                if (_nextHop == long.MinValue)
                    _nextHop = now + hop;
                if (now < _nextHop)
                    continue;
                await ScoreWindowAsync(cancellationToken).ConfigureAwait(false);
                _nextHop += hop * Math.Max(1, (now - _nextHop) / hop + 1);
                DropOlderThan(now - window);
            }
            await ScoreWindowAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await capture.ConfigureAwait(false);
            while (frames.Reader.TryRead(out var left))
                left.Dispose();
            while (_unscored.TryDequeue(out var unscored))
                unscored.Dispose();
        }
        // A failed source completes the channel with its error, which ReadAllAsync rethrows above.
    }

    private async Task RunSourceAsync(ChannelWriter<VideoFrame> writer, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await _source.RunAsync(writer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the loop or the caller; the loop reports cancellation itself.
        }
        catch (Exception ex)
        {
            failure = ex;
            _logger.LogError("Camera {Camera}: source {Source} failed: {Message}", _camera.Id,
                CredentialRedactor.Redact(_source.Description), CredentialRedactor.Redact(ex.Message));
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    private async Task ScoreWindowAsync(CancellationToken cancellationToken)
    {
        int firstNew = _micros.Count;
        while (firstNew > 0 && _micros[firstNew - 1] > _lastScored)
            firstNew--;
        if (firstNew == _micros.Count)
            return;
        if (_scores.Length < _rows.Count)
            _scores = new float[Math.Max(_rows.Count, 2 * _scores.Length)];
        long started = ModelTimer.Start();
        _scorer.Score(_rows, _scores);
        ModelTime?.Stop(started);
        for (int i = firstNew; i < _micros.Count; i++)
        {
            long t = _micros[i];
            float score = _scores[i];
            var evt = _alerts.Observe(_camera.Id, t, score, s_videoOnly);
            _lastScored = t;
            Interlocked.Increment(ref _framesScored);
            NotifyScored(t, score);
            if (evt is null)
                continue;
            _transitions.Add(evt);
            if (_clips is null)
                continue;
            if (evt.State == AlertState.Start)
                await _clips.StartEventAsync(evt.Id, _mapping.ToMicros(evt.Start), cancellationToken).ConfigureAwait(false);
            else if (evt.State == AlertState.End && evt.End is { } end)
                await _clips.EndEventAsync(evt.Id, _mapping.ToMicros(end), cancellationToken).ConfigureAwait(false);
        }
    }

    // Removes the frames at or before cutoff from the window; their rows go back to the spares.
    private void DropOlderThan(long cutoff)
    {
        int n = 0;
        while (n < _micros.Count && _micros[n] <= cutoff)
            _spareRows.Push(_rows[n++]);
        _micros.RemoveRange(0, n);
        _rows.RemoveRange(0, n);
    }

    private void NotifyScored(long micros, float score)
    {
        if (FrameScored is null)
            return;
        // The queue holds exactly the frames after _lastScored, in the window's order.
        while (_unscored.TryPeek(out var frame) && frame.CaptureMicros <= micros)
        {
            _unscored.Dequeue();
            using (frame)
            {
                if (frame.CaptureMicros != micros)
                    continue;
                try
                {
                    FrameScored(_camera.Id, frame, score);
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "Camera {Camera}: the per-frame callback failed at {Micros} us; going on", _camera.Id, micros);
                }
            }
        }
    }

    private static readonly IReadOnlyDictionary<Modality, double> s_videoOnly = new Dictionary<Modality, double> { [Modality.Video] = 1.0 };
}
