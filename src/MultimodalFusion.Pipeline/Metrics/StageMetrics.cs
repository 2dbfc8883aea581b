using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Pipeline.Metrics;

/// <summary>Counters of one stage, channel or source: items in/out/dropped, latency, rate, and for sources restarts, errors and gaps.</summary>
/// <remarks>
/// Every method is thread-safe; the counting ones (<see cref="RecordIn"/>, <see cref="RecordOut"/>,
/// <see cref="RecordDropped"/>, <see cref="RecordLatency"/>) allocate nothing. Times are microseconds of
/// the <see cref="IClock"/> given at construction. A <em>gap</em> starts when a source fails
/// (<see cref="MarkFailure"/>) and ends at its next packet (<see cref="RecordIn"/>): its length is how
/// long the stream was dark, e.g. an RTSP outage plus the reconnect.
/// </remarks>
public sealed class StageMetrics
{
    private const long NoGap = long.MinValue;

    private readonly IClock _clock;
    private readonly Lock _errorLock = new();
    private long _in;
    private long _out;
    private long _dropped;
    private long _restarts;
    private long _gapStart = NoGap;
    private long _gapCount;
    private long _gapTotalMicros;
    private long _gapLongestMicros;
    private string? _lastError;
    private long _lastErrorMicros;

    /// <summary>Metrics named <paramref name="name"/>, timed on <paramref name="clock"/>, with a rate window of <paramref name="rateWindow"/> (default 5 s).</summary>
    public StageMetrics(string name, IClock clock, TimeSpan? rateWindow = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(clock);
        Name = name;
        _clock = clock;
        Rate = new RateMeter(clock, rateWindow);
    }

    /// <summary>The stage, channel or source these metrics describe.</summary>
    public string Name { get; }

    /// <summary>The clock that times gaps, errors and the rate.</summary>
    public IClock Clock => _clock;

    /// <summary>Items received (for a source: packets produced).</summary>
    public long In => Interlocked.Read(ref _in);

    /// <summary>Items passed on.</summary>
    public long Out => Interlocked.Read(ref _out);

    /// <summary>Items discarded (full channel, late or regressing packet).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Times the source was restarted after a failure.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Processing latency per item, in microseconds.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Rate of <see cref="RecordIn"/> calls (frames or packets per second) over a sliding window.</summary>
    public RateMeter Rate { get; }

    /// <summary>The last error text (credentials redacted), or null.</summary>
    public string? LastError { get { lock (_errorLock) return _lastError; } }

    /// <summary>Counts one item received; closes an open gap.</summary>
    public void RecordIn()
    {
        Interlocked.Increment(ref _in);
        Rate.Mark();
        if (Volatile.Read(ref _gapStart) != NoGap)
            CloseGap();
    }

    /// <summary>Counts one item passed on.</summary>
    public void RecordOut() => Interlocked.Increment(ref _out);

    /// <summary>Counts <paramref name="count"/> items discarded.</summary>
    public void RecordDropped(long count = 1) => Interlocked.Add(ref _dropped, count);

    /// <summary>Adds one latency sample in microseconds.</summary>
    public void RecordLatency(long micros) => Latency.Record(micros);

    /// <summary>Counts one restart.</summary>
    public void RecordRestart() => Interlocked.Increment(ref _restarts);

    /// <summary>Remembers <paramref name="error"/> as the last error (redacted) and, if none is open, starts a gap now.</summary>
    public void MarkFailure(string error)
    {
        long now = _clock.NowMicros;
        lock (_errorLock)
        {
            _lastError = CredentialRedactor.Redact(error);
            _lastErrorMicros = now;
        }
        Interlocked.CompareExchange(ref _gapStart, now, NoGap);
    }

    /// <summary>A consistent-enough copy of every value, for printing or export.</summary>
    public MetricsSnapshot Snapshot()
    {
        long now = _clock.NowMicros;
        long gapStart = Volatile.Read(ref _gapStart);
        string? error;
        long errorAt;
        lock (_errorLock)
        {
            error = _lastError;
            errorAt = _lastErrorMicros;
        }
        return new MetricsSnapshot(
            Name, In, Out, Dropped, Rate.PerSecond,
            Latency.Count, Latency.Percentile(50), Latency.Percentile(95), Latency.Percentile(99), Latency.Max,
            Restarts, error, error is null ? null : errorAt,
            Interlocked.Read(ref _gapCount),
            Micros.ToTimeSpan(Interlocked.Read(ref _gapLongestMicros)),
            Micros.ToTimeSpan(Interlocked.Read(ref _gapTotalMicros)),
            gapStart == NoGap ? null : Micros.ToTimeSpan(Math.Max(0, now - gapStart)),
            now);
    }

    private void CloseGap()
    {
        long start = Interlocked.Exchange(ref _gapStart, NoGap);
        if (start == NoGap)
            return;
        long length = Math.Max(0, _clock.NowMicros - start);
        Interlocked.Increment(ref _gapCount);
        Interlocked.Add(ref _gapTotalMicros, length);
        long seen = Interlocked.Read(ref _gapLongestMicros);
        while (length > seen)
        {
            long previous = Interlocked.CompareExchange(ref _gapLongestMicros, length, seen);
            if (previous == seen)
                break;
            seen = previous;
        }
    }
}
