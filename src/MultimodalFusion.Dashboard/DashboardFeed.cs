using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Dashboard;

/// <summary>
/// What the dashboard shows, in memory and bounded: the latest JPEG per camera, the last
/// <see cref="DashboardOptions.History"/> of valence/arousal points and the latest expression probabilities per
/// camera, camera status, and the last <see cref="DashboardOptions.MaxAlerts"/> alerts.
/// </summary>
/// <remarks>
/// Thread-safe: apps publish from their own threads, the server reads snapshots and subscribes. Publishing copies
/// what it is given (the caller keeps ownership of its buffers and lists) and never blocks on subscribers.
/// </remarks>
public sealed class DashboardFeed
{
    // Hard cap per camera besides the time window, so a publisher with a broken clock cannot grow memory.
    private const int MaxPointsPerCamera = 20_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, CameraState> _cameras = new(StringComparer.Ordinal);
    private readonly List<string> _cameraOrder = [];
    private readonly List<DashboardAlert> _alerts = []; // newest start first
    private readonly List<DashboardSubscription> _subscribers = [];
    private readonly long _historyMicros;
    private readonly int _maxAlerts;

    /// <summary>A feed bounded by <paramref name="options"/> (<see cref="DashboardOptions.History"/>, <see cref="DashboardOptions.MaxAlerts"/>).</summary>
    public DashboardFeed(DashboardOptions? options = null)
    {
        options ??= new DashboardOptions();
        if (options.History <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), $"{DashboardOptions.SectionName}:History must be positive (got {options.History}).");
        if (options.MaxAlerts < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"{DashboardOptions.SectionName}:MaxAlerts must be at least 1 (got {options.MaxAlerts}).");
        History = options.History;
        _historyMicros = Micros.From(options.History);
        _maxAlerts = options.MaxAlerts;
    }

    /// <summary>How much valence/arousal history is kept per camera.</summary>
    public TimeSpan History { get; }

    /// <summary>Stores a copy of <paramref name="jpeg"/> as <paramref name="camera"/>'s latest frame.</summary>
    /// <param name="camera">Camera id.</param>
    /// <param name="jpeg">JPEG bytes; copied, so the caller may return its buffer to a pool right after.</param>
    /// <param name="timestampMicros">Capture time on the pipeline clock (int64 microseconds).</param>
    public void PublishFrame(string camera, ReadOnlyMemory<byte> jpeg, long timestampMicros)
    {
        CheckCamera(camera);
        if (jpeg.IsEmpty)
            throw new ArgumentException($"Frame of camera '{camera}' is empty.", nameof(jpeg));
        byte[] copy = jpeg.ToArray();
        DashboardFrameInfo info;
        lock (_gate)
        {
            var state = GetOrAdd(camera);
            long sequence = (state.Frame?.Sequence ?? 0) + 1;
            state.Frame = new DashboardFrame(camera, copy, timestampMicros, sequence);
            info = new DashboardFrameInfo(camera, timestampMicros, sequence);
            Notify(new DashboardChange(DashboardChangeKind.Frame, camera, info));
        }
    }

    /// <summary>
    /// Adds an emotion estimate: a point of the valence/arousal history and the camera's latest expressions.
    /// Returns false (and stores nothing) when its timestamp is older than the camera's last point.
    /// </summary>
    public bool PublishEmotion(DashboardEmotion emotion)
    {
        ArgumentNullException.ThrowIfNull(emotion);
        CheckCamera(emotion.Camera);
        if (!float.IsFinite(emotion.Valence) || !float.IsFinite(emotion.Arousal))
            throw new ArgumentException($"Emotion of camera '{emotion.Camera}' has a non-finite valence/arousal ({emotion.Valence}, {emotion.Arousal}).", nameof(emotion));
        var expressions = emotion.Expressions?.ToArray();
        if (expressions is not null && expressions.Any(p => !float.IsFinite(p)))
            throw new ArgumentException($"Emotion of camera '{emotion.Camera}' has a non-finite expression probability.", nameof(emotion));
        var labels = emotion.ExpressionLabels?.ToArray() ?? (expressions is null ? null : DashboardEmotion.DefaultExpressionLabels.ToArray());
        if (expressions is not null && labels!.Length != expressions.Length)
            throw new ArgumentException($"Emotion of camera '{emotion.Camera}' has {expressions.Length} expression probabilities but {labels.Length} labels.", nameof(emotion));
        var copy = emotion with { Expressions = expressions, ExpressionLabels = expressions is null ? null : labels };
        lock (_gate)
        {
            var state = GetOrAdd(emotion.Camera);
            var history = state.History;
            if (history.Count > 0 && history[^1].TimestampMicros > copy.TimestampMicros)
                return false;
            history.Add(new DashboardVaPoint(copy.TimestampMicros, copy.Valence, copy.Arousal));
            long oldest = copy.TimestampMicros - _historyMicros;
            int stale = 0;
            while (stale < history.Count && history[stale].TimestampMicros < oldest)
                stale++;
            stale = Math.Max(stale, history.Count - MaxPointsPerCamera);
            if (stale > 0)
                history.RemoveRange(0, stale);
            state.Emotion = copy;
            Notify(new DashboardChange(DashboardChangeKind.Emotion, copy.Camera, copy));
        }
        return true;
    }

    /// <summary>Adds an alert or replaces the alert with the same id (a later transition of it).</summary>
    public void PublishAlert(DashboardAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        CheckCamera(alert.Camera);
        if (string.IsNullOrWhiteSpace(alert.Id))
            throw new ArgumentException($"Alert of camera '{alert.Camera}' has no id.", nameof(alert));
        lock (_gate)
        {
            GetOrAdd(alert.Camera);
            int existing = _alerts.FindIndex(a => a.Id == alert.Id);
            if (existing >= 0)
                _alerts.RemoveAt(existing);
            int at = _alerts.FindIndex(a => a.Start < alert.Start);
            _alerts.Insert(at < 0 ? _alerts.Count : at, alert);
            if (_alerts.Count > _maxAlerts)
                _alerts.RemoveRange(_maxAlerts, _alerts.Count - _maxAlerts);
            Notify(new DashboardChange(DashboardChangeKind.Alert, alert.Camera, alert));
        }
    }

    /// <summary>Replaces the camera's status; its source and message are stored with credentials redacted.</summary>
    public void PublishStatus(DashboardCameraStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        CheckCamera(status.Camera);
        var redacted = status with
        {
            Source = status.Source is null ? null : CredentialRedactor.Redact(status.Source),
            Message = status.Message is null ? null : CredentialRedactor.Redact(status.Message),
        };
        lock (_gate)
        {
            GetOrAdd(status.Camera).Status = redacted;
            Notify(new DashboardChange(DashboardChangeKind.Status, status.Camera, redacted));
        }
    }

    /// <summary>The latest frame of <paramref name="camera"/>, if it has published one.</summary>
    public bool TryGetFrame(string camera, out DashboardFrame frame)
    {
        lock (_gate)
        {
            if (_cameras.TryGetValue(camera, out var state) && state.Frame is { } f)
            {
                frame = f;
                return true;
            }
        }
        frame = null!;
        return false;
    }

    /// <summary>An immutable copy of everything the feed holds now.</summary>
    public DashboardSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            var cameras = _cameraOrder.Select(id =>
            {
                var s = _cameras[id];
                var frame = s.Frame is { } f ? new DashboardFrameInfo(id, f.TimestampMicros, f.Sequence) : null;
                return new DashboardCameraSnapshot(id, s.Status, frame, s.Emotion, s.History.ToArray());
            }).ToArray();
            return new DashboardSnapshot(cameras, _alerts.ToArray(), History.TotalSeconds);
        }
    }

    /// <summary>Starts delivering changes to a new subscriber; dispose the result to stop.</summary>
    /// <param name="capacity">Changes buffered before the oldest are dropped.</param>
    public DashboardSubscription Subscribe(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new DashboardSubscription(capacity, Unsubscribe);
        lock (_gate)
            _subscribers.Add(subscription);
        return subscription;
    }

    /// <summary>Number of live subscriptions (e.g. open SSE connections).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
                return _subscribers.Count;
        }
    }

    private void Unsubscribe(DashboardSubscription subscription)
    {
        lock (_gate)
            _subscribers.Remove(subscription);
    }

    // Called under _gate, so every subscriber sees changes in the same order as the state was changed.
    private void Notify(DashboardChange change)
    {
        foreach (var subscriber in _subscribers)
            subscriber.Offer(change);
    }

    private CameraState GetOrAdd(string camera)
    {
        if (!_cameras.TryGetValue(camera, out var state))
        {
            state = new CameraState();
            _cameras.Add(camera, state);
            _cameraOrder.Add(camera);
        }
        return state;
    }

    private static void CheckCamera(string camera)
    {
        if (string.IsNullOrWhiteSpace(camera))
            throw new ArgumentException("Camera id is empty.", nameof(camera));
    }

    private sealed class CameraState
    {
        public DashboardFrame? Frame;
        public DashboardEmotion? Emotion;
        public DashboardCameraStatus? Status;
        public readonly List<DashboardVaPoint> History = [];
    }
}
