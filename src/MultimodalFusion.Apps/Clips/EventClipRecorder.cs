using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Apps.Clips;

/// <summary>Records one camera's event clips: a pre-roll ring of recent frames, then an mp4 and a JPEG snapshot per event.</summary>
/// <remarks>
/// <para>Callers post frames and event starts/ends in time order; one writer loop (a background task) consumes them
/// from a bounded channel in Wait mode, so nothing is dropped and encoding never runs on the caller's thread. A full
/// channel makes <see cref="AddFrameAsync"/> wait: feed it from a stage that may wait, not from the capture callback.</para>
/// <para>Ownership: <see cref="AddFrameAsync"/> takes a reference of its own (<see cref="VideoFrame.Retain"/>); the caller
/// keeps and disposes its reference as before. The recorder releases its reference when the frame leaves the ring
/// (older than ClipBefore + StartLatency behind the newest frame, or over the frame cap) or, if no clip needs it, at
/// once. Memory is bounded by (EffectiveMaxBufferedFrames + QueueCapacity) frames. <see cref="DisposeAsync"/> finishes
/// an open clip and releases every frame it still holds.</para>
/// <para>Files: <c>{root}/clips/{camera}/{eventId}.mp4</c> (H.264) and <c>.jpg</c>, each present only once complete: the clip
/// is written as <c>{eventId}.partial.mp4</c> by an ffmpeg child and renamed when finished (see <see cref="ClipWriter"/> for
/// why and <see cref="ClipFiles"/> for every name). The clip spans [start - ClipBefore, end + ClipAfter] (capped at
/// MaxClipLength); the snapshot is the frame nearest the event's start.</para>
/// <para>Restarts: before its first command the writer loop recovers what a stopped run left: the complete frames of each
/// <c>.partial.mp4</c> become that event's <c>.mp4</c> (a file with none is moved aside and logged). An event that was
/// open in the earlier run continues here without a new start: <see cref="ResumeEventAsync"/> records it from the next
/// frame, and an end for an event this run never recorded does the same from the buffered frames. When the part
/// recorded here is finished it is joined after the earlier part, so the one path the alert's transitions name
/// (start, update and end alike) holds the event as recorded by both runs, with a gap for the restart. Chosen over a
/// second path because the store and sinks carry one clip path per event.</para>
/// </remarks>
public sealed partial class EventClipRecorder : IAsyncDisposable
{
    private readonly Channel<Command> _commands;
    private readonly Queue<VideoFrame> _ring = new();
    private readonly ConcurrentQueue<RecordedClip> _completed = new();
    private readonly EventClipRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly long _keepMicros;
    private readonly Task _loop;
    private readonly ClipFiles _files;
    // Events this run opened a clip for: an end of one of them never starts a resumed clip. One short string per event.
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);
    private ClipWriter? _open;
    private string? _pendingResume;
    private long _newest = long.MinValue;

    /// <summary>A recorder for <paramref name="camera"/> writing under <paramref name="root"/>; its writer loop starts at once.</summary>
    public EventClipRecorder(string camera, string root, EventClipRecorderOptions? options = null, ILogger<EventClipRecorder>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(camera);
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (camera.IndexOfAny(['/', '\\']) >= 0 || camera is "." or "..")
            throw new ArgumentException($"Camera id '{camera}' cannot name a clip folder.", nameof(camera));
        _options = options ?? new EventClipRecorderOptions();
        _options.Validate();
        Camera = camera;
        Root = Path.GetFullPath(root);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _files = new ClipFiles(Path.Combine(Root, "clips", camera), camera, _options, _logger);
        _keepMicros = Micros.From(_options.ClipBefore + _options.StartLatency);
        _commands = Channel.CreateBounded<Command>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The camera id (the clip folder's name).</summary>
    public string Camera { get; }

    /// <summary>Absolute folder that holds <c>clips/</c>.</summary>
    public string Root { get; }

    /// <summary>Frames the pre-roll ring holds now (read from the writer loop; approximate elsewhere).</summary>
    public int BufferedFrames => Volatile.Read(ref _bufferedFrames);
    private int _bufferedFrames;

    /// <summary>Clips finished so far, in order.</summary>
    public IReadOnlyCollection<RecordedClip> Completed => _completed;

    /// <summary>Raised on the writer loop when a clip's mp4 is complete.</summary>
    public event Action<RecordedClip>? ClipCompleted;

    /// <summary>Absolute mp4 path of event <paramref name="eventId"/>.</summary>
    public string ClipPathFor(string eventId) => _files.FinalPath(eventId);

    /// <summary>Absolute snapshot path of event <paramref name="eventId"/>.</summary>
    public string SnapshotPathFor(string eventId) => _files.SnapshotPath(eventId);

    /// <summary>Absolute path of event <paramref name="eventId"/>'s clip while it is being written.</summary>
    public string PartialClipPathFor(string eventId) => _files.PartialPath(eventId);

    /// <summary>Events whose unfinished clip a stopped run left and the start-up recovery published (empty until it ran).</summary>
    public IReadOnlyCollection<string> Recovered => _recovered;
    private volatile IReadOnlyCollection<string> _recovered = [];

    /// <summary>The ffmpeg process id of the clip being written, or null (for tests that kill it).</summary>
    internal int? OpenWriterProcessId => Volatile.Read(ref _openPid) is var pid && pid > 0 ? pid : null;
    private int _openPid;

    /// <summary>Posts a frame (the recorder retains its own reference); waits while the queue is full.</summary>
    public async ValueTask AddFrameAsync(VideoFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var mine = frame.Retain();
        try
        {
            await _commands.Writer.WriteAsync(new Command(CommandKind.Frame, mine, null, 0), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            mine.Dispose();
            throw;
        }
    }

    /// <summary>Event <paramref name="eventId"/> started at <paramref name="startMicros"/> (pipeline clock): open its clip and snapshot.</summary>
    public ValueTask StartEventAsync(string eventId, long startMicros, CancellationToken cancellationToken = default)
    {
        CheckId(eventId);
        return _commands.Writer.WriteAsync(new Command(CommandKind.Start, null, eventId, startMicros), cancellationToken);
    }

    /// <summary>Event <paramref name="eventId"/> ended at <paramref name="endMicros"/>: its clip closes ClipAfter later.</summary>
    public ValueTask EndEventAsync(string eventId, long endMicros, CancellationToken cancellationToken = default)
    {
        CheckId(eventId);
        return _commands.Writer.WriteAsync(new Command(CommandKind.End, null, eventId, endMicros), cancellationToken);
    }

    /// <summary>
    /// Event <paramref name="eventId"/> was open when an earlier run stopped and continues here (its start is not
    /// repeated): record it from the next frame until its end (<see cref="EndEventAsync"/>) plus ClipAfter.
    /// </summary>
    public ValueTask ResumeEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        CheckId(eventId);
        return _commands.Writer.WriteAsync(new Command(CommandKind.Resume, null, eventId, 0), cancellationToken);
    }

    /// <summary>Stops accepting input, writes what is queued, finishes an open clip and releases every held frame.</summary>
    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        try
        {
            Recover();
            await foreach (var command in _commands.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    Handle(command);
                }
                catch (Exception ex)
                {
                    // The loop must keep reading whatever happened, or a caller would wait on a full queue forever.
                    _logger.LogError(ex, "Clip recorder of camera {Camera}: {Message}; the open clip is closed with what it holds", Camera, ex.Message);
                    CloseSafely();
                }
            }
        }
        finally
        {
            CloseSafely();
            while (_commands.Reader.TryRead(out var left))
                left.Frame?.Dispose();
            while (_ring.TryDequeue(out var frame))
                frame.Dispose();
            Volatile.Write(ref _bufferedFrames, 0);
        }
    }

    private void Handle(Command command)
    {
        switch (command.Kind)
        {
            case CommandKind.Frame:
                OnFrame(command.Frame!);
                break;
            case CommandKind.Start:
                OnStart(command.EventId!, command.Micros);
                break;
            case CommandKind.End:
                OnEnd(command.EventId!, command.Micros);
                break;
            case CommandKind.Resume:
                if (_open?.EventId == command.EventId || _recorded.Contains(command.EventId!))
                    break;
                _pendingResume = command.EventId;
                if (_ring.Count > 0)
                    OpenResumed(command.EventId!, endMicros: null);
                break;
        }
    }

    private void OnEnd(string eventId, long endMicros)
    {
        if (_pendingResume == eventId)
            _pendingResume = null; // OpenResumed below takes what is buffered
        if (_open is null || _open.EventId != eventId)
        {
            // Not recorded by this run: the event started before a restart (or its start found no frames).
            if (_recorded.Contains(eventId))
                return;
            OpenResumed(eventId, endMicros);
            if (_open is null || _open.EventId != eventId)
                return;
        }
        // A resumed clip's first frame can come after the end (the end lies before the restart): ClipAfter from there.
        _open.StopAfter(Math.Max(endMicros, _open.FirstMicros) + Micros.From(_options.ClipAfter));
        if (_newest != long.MinValue && _open.IsPastEnd(_newest))
            Close();
    }

    private void OnFrame(VideoFrame frame)
    {
        if (frame.CaptureMicros <= _newest)
        {
            frame.Dispose();
            return;
        }
        _newest = frame.CaptureMicros;
        _ring.Enqueue(frame);
        if (_pendingResume is { } resume && _open is null)
            OpenResumed(resume, endMicros: null);
        else if (_open is not null)
        {
            if (_open.IsPastEnd(frame.CaptureMicros))
                Close();
            else
                _open.Write(frame);
        }
        while (_ring.Count > 0 && (_ring.Count > _options.EffectiveMaxBufferedFrames || _ring.Peek().CaptureMicros < _newest - _keepMicros))
            _ring.Dequeue().Dispose();
        Volatile.Write(ref _bufferedFrames, _ring.Count);
    }

    private static void CheckId(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (eventId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || eventId is "." or "..")
            throw new ArgumentException($"Event id '{eventId}' cannot name a file.", nameof(eventId));
    }

    private enum CommandKind { Frame, Start, End, Resume }

    // Frame: the recorder's own reference, released by the loop (or on disposal if never read).
    private readonly record struct Command(CommandKind Kind, VideoFrame? Frame, string? EventId, long Micros);
}
