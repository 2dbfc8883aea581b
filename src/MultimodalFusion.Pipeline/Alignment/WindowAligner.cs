using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Pipeline.Alignment;

/// <summary>Groups video, audio and transcript packets into overlapping time windows on the data-path clock.</summary>
/// <remarks>
/// <para>Grid: the first video frame fixes the origin (when video is not expected, the first packet does);
/// window k is <c>[origin + k*Hop, origin + k*Hop + Window)</c>. Windows are emitted in index order.</para>
/// <para>Emission: a window is ready when the watermark (largest <see cref="ITimedPacket.EndMicros"/> seen) of every
/// expected modality has reached its end (<see cref="WindowEmitReason.Watermark"/>), or when the clock reaches its end
/// plus the deadline (<see cref="WindowEmitReason.Deadline"/>, checked by <see cref="Poll(long)"/>), or at
/// <see cref="Flush"/>. Arrival order across modalities does not matter while a window is still open.</para>
/// <para>Drops: a packet that could only belong to windows already emitted is late; a packet that starts before the
/// previous packet of its own stream is a regression. Both are counted and disposed.</para>
/// <para>Ownership: <see cref="Add"/> takes over the caller's reference to the packet. The aligner keeps it until no
/// future window can use it; each window retains its own reference. Ready windows wait in a queue that the caller
/// drains with <see cref="TryDequeue"/> and then owns. Not thread-safe: one caller at a time (see <see cref="WindowAlignerStage"/>).</para>
/// </remarks>
public sealed class WindowAligner : IDisposable
{
    private readonly AlignerOptions _options;
    private readonly IClock _clock;
    private readonly long _window;
    private readonly long _hop;
    private readonly long _deadline;
    private readonly List<ITimedPacket> _buffered = [];
    private readonly Dictionary<string, long> _lastStartByStream = new(StringComparer.Ordinal);
    private readonly long[] _watermark = [long.MinValue, long.MinValue, long.MinValue];
    private readonly Queue<AlignedWindow> _ready = new();
    private long? _origin;
    private long _next;
    private bool _flushed;
    private bool _disposed;

    /// <summary>An aligner with <paramref name="options"/> whose emit times and deadlines use <paramref name="clock"/>.</summary>
    public WindowAligner(AlignerOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        _window = options.WindowMicros;
        _hop = options.HopMicros;
        _deadline = options.DeadlineMicros;
    }

    /// <summary>The settings.</summary>
    public AlignerOptions Options => _options;

    /// <summary>Start of window 0, once the first base packet arrived.</summary>
    public long? OriginMicros => _origin;

    /// <summary>Index of the next window to be emitted.</summary>
    public long NextWindowIndex => _next;

    /// <summary>Windows waiting in the ready queue.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>Packets held for windows not yet emitted.</summary>
    public int BufferedCount => _buffered.Count;

    /// <summary>Windows emitted so far (any reason).</summary>
    public long WindowsEmitted { get; private set; }

    /// <summary>Windows emitted because their deadline expired.</summary>
    public long EmittedByDeadline { get; private set; }

    /// <summary>Windows emitted by <see cref="Flush"/>.</summary>
    public long EmittedByFlush { get; private set; }

    /// <summary>Windows without any data that were skipped (see <see cref="AlignerOptions.EmitEmptyWindows"/>).</summary>
    public long WindowsSkipped { get; private set; }

    /// <summary>Packets dropped as late (their windows were gone), including packets that never got a base frame before the flush.</summary>
    public long LateDrops { get; private set; }

    /// <summary>Packets dropped because they started before the previous packet of their stream.</summary>
    public long Regressions { get; private set; }

    /// <summary>The watermark of <paramref name="modality"/> (largest end seen), or null before its first packet.</summary>
    public long? Watermark(Modality modality) => _watermark[(int)modality] is var w && w != long.MinValue ? w : null;

    /// <summary>Takes over <paramref name="packet"/> and queues every window that became ready; returns how many did.</summary>
    public int Add(ITimedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flushed)
        {
            Release(packet);
            throw new InvalidOperationException($"The aligner was flushed; packet {packet.StreamId}#{packet.Sequence} arrived after the end of input.");
        }
        if (_lastStartByStream.TryGetValue(packet.StreamId, out long lastStart) && packet.StartMicros < lastStart)
        {
            Regressions++;
            Release(packet);
            return 0;
        }
        _lastStartByStream[packet.StreamId] = packet.StartMicros;
        if (_origin is null && IsBase(packet))
        {
            _origin = packet.StartMicros;
            PruneBefore(_origin.Value, countAsLate: true);
        }
        if (_origin is { } origin && EffectiveEnd(packet) <= origin + _next * _hop)
        {
            LateDrops++;
            Release(packet);
            return 0;
        }
        _buffered.Add(packet);
        int m = (int)packet.Modality;
        _watermark[m] = Math.Max(_watermark[m], packet.EndMicros);
        return EmitComplete();
    }

    /// <summary>Emits, at the clock's current time, windows that are complete or whose deadline expired.</summary>
    public int Poll() => Poll(_clock.NowMicros);

    /// <summary>Emits windows that are complete or whose deadline (<c>end + Deadline</c>) is at or before <paramref name="nowMicros"/>.</summary>
    public int Poll(long nowMicros)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flushed)
            return 0;
        int emitted = EmitComplete();
        if (_origin is not { } origin)
        {
            // Without a base frame there is no grid; still bound what is kept for it.
            PruneBefore(nowMicros - _window - _deadline, countAsLate: true);
            return emitted;
        }
        while (nowMicros >= WindowEnd(_next) + _deadline)
        {
            if (HasData(_next) || _options.EmitEmptyWindows)
            {
                Emit(WindowEmitReason.Deadline, nowMicros);
                emitted++;
                continue;
            }
            // Jump over the empty stretch in one step: to the first window holding buffered data, or past the deadline.
            long dueLimit = FirstIndexNotDue(nowMicros, origin);
            long target = Math.Max(_next + 1, Math.Min(dueLimit, FirstIndexWithData(origin)));
            WindowsSkipped += target - _next;
            _next = target;
            PruneBefore(WindowStart(_next), countAsLate: false);
        }
        return emitted;
    }

    /// <summary>The input ended: emits every remaining window that holds data; later <see cref="Add"/> calls throw.</summary>
    public int Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flushed)
            return 0;
        int emitted = EmitComplete();
        if (_origin is not null)
        {
            long lastCovered = long.MinValue;
            foreach (ITimedPacket packet in _buffered)
                lastCovered = Math.Max(lastCovered, EffectiveEnd(packet) - 1);
            long now = _clock.NowMicros;
            while (_buffered.Count > 0 && WindowStart(_next) <= lastCovered)
            {
                if (HasData(_next) || _options.EmitEmptyWindows)
                {
                    Emit(WindowEmitReason.Flush, now);
                    emitted++;
                }
                else
                {
                    WindowsSkipped++;
                    _next++;
                    PruneBefore(WindowStart(_next), countAsLate: false);
                }
            }
        }
        // What is left never found a window (no base frame arrived).
        LateDrops += _buffered.Count;
        ReleaseBuffered();
        _flushed = true;
        return emitted;
    }

    /// <summary>Takes the oldest ready window; the caller owns it and must dispose it.</summary>
    public bool TryDequeue(out AlignedWindow window) => _ready.TryDequeue(out window!);

    /// <summary>Releases every buffered packet and every window still in the ready queue.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        ReleaseBuffered();
        while (_ready.TryDequeue(out AlignedWindow? window))
            window.Dispose();
    }

    private bool IsBase(ITimedPacket packet) =>
        packet.Modality == Modality.Video || !_options.Expected.Has(Modality.Video);

    private long WindowStart(long index) => _origin!.Value + index * _hop;

    private long WindowEnd(long index) => WindowStart(index) + _window;

    /// <summary>A packet occupies <c>[Start, EffectiveEnd)</c>; an instant (a frame) occupies one microsecond.</summary>
    private static long EffectiveEnd(ITimedPacket packet) => Math.Max(packet.EndMicros, packet.StartMicros + 1);

    private static bool Overlaps(ITimedPacket packet, long start, long end) =>
        packet.StartMicros < end && EffectiveEnd(packet) > start;

    private int EmitComplete()
    {
        int emitted = 0;
        while (_origin is not null && IsComplete(_next))
        {
            Emit(WindowEmitReason.Watermark, _clock.NowMicros);
            emitted++;
        }
        return emitted;
    }

    private bool IsComplete(long index)
    {
        long end = WindowEnd(index);
        for (int m = 0; m < _watermark.Length; m++)
            if (_options.Expected.Has((Modality)m) && _watermark[m] < end)
                return false;
        return true;
    }

    private bool HasData(long index)
    {
        long start = WindowStart(index), end = WindowEnd(index);
        foreach (ITimedPacket packet in _buffered)
            if (Overlaps(packet, start, end))
                return true;
        return false;
    }

    private long FirstIndexNotDue(long nowMicros, long origin)
    {
        // Smallest k with origin + k*hop + window + deadline > now.
        long k = (nowMicros - _deadline - _window - origin) / _hop + 1;
        return Math.Max(_next + 1, k);
    }

    private long FirstIndexWithData(long origin)
    {
        long best = long.MaxValue;
        foreach (ITimedPacket packet in _buffered)
        {
            // Smallest k with origin + k*hop + window > packet start (the packet may reach into it).
            long k = Math.Max(_next, FloorDiv(packet.StartMicros - _window - origin, _hop) + 1);
            best = Math.Min(best, k);
        }
        return best;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private void Emit(WindowEmitReason reason, long nowMicros)
    {
        long start = WindowStart(_next), end = WindowEnd(_next);
        var video = new List<VideoFrame>();
        var audio = new List<AudioChunk>();
        var text = new List<TranscriptSegment>();
        foreach (ITimedPacket packet in _buffered)
        {
            if (!Overlaps(packet, start, end))
                continue;
            switch (packet)
            {
                case VideoFrame frame: video.Add(frame.Retain()); break;
                case AudioChunk chunk: audio.Add(chunk.Retain()); break;
                case TranscriptSegment segment: text.Add(segment); break;
            }
        }
        video.Sort(static (a, b) => a.StartMicros.CompareTo(b.StartMicros));
        ModalityMask complete = ModalityMask.None;
        for (int m = 0; m < _watermark.Length; m++)
            if (_watermark[m] >= end)
                complete |= ((Modality)m).ToMask();
        _ready.Enqueue(new AlignedWindow(_next, start, end, video, audio, text, _options.Expected, complete, reason, nowMicros));
        WindowsEmitted++;
        if (reason == WindowEmitReason.Deadline)
            EmittedByDeadline++;
        else if (reason == WindowEmitReason.Flush)
            EmittedByFlush++;
        _next++;
        PruneBefore(WindowStart(_next), countAsLate: false);
    }

    /// <summary>Releases buffered packets that end at or before <paramref name="micros"/>: no later window can use them.</summary>
    private void PruneBefore(long micros, bool countAsLate)
    {
        int kept = 0;
        for (int i = 0; i < _buffered.Count; i++)
        {
            ITimedPacket packet = _buffered[i];
            if (EffectiveEnd(packet) <= micros)
            {
                if (countAsLate)
                    LateDrops++;
                Release(packet);
            }
            else
            {
                _buffered[kept++] = packet;
            }
        }
        _buffered.RemoveRange(kept, _buffered.Count - kept);
    }

    private void ReleaseBuffered()
    {
        foreach (ITimedPacket packet in _buffered)
            Release(packet);
        _buffered.Clear();
    }

    private static void Release(ITimedPacket packet) => (packet as IDisposable)?.Dispose();
}
