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
/// <para>Files: <c>{root}/clips/{camera}/{eventId}.mp4</c> and <c>.jpg</c>. The clip spans [start - ClipBefore,
/// end + ClipAfter] (capped at MaxClipLength); the snapshot is the frame nearest the event's start.</para>
/// </remarks>
public sealed class EventClipRecorder : IAsyncDisposable
{
    private readonly Channel<Command> _commands;
    private readonly Queue<VideoFrame> _ring = new();
    private readonly ConcurrentQueue<RecordedClip> _completed = new();
    private readonly EventClipRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly long _keepMicros;
    private readonly Task _loop;
    private ClipWriter? _open;
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
    public string ClipPathFor(string eventId) => Path.Combine(Root, "clips", Camera, eventId + ".mp4");

    /// <summary>Absolute snapshot path of event <paramref name="eventId"/>.</summary>
    public string SnapshotPathFor(string eventId) => Path.Combine(Root, "clips", Camera, eventId + ".jpg");

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
            await foreach (var command in _commands.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    Handle(command);
                }
                catch (Exception ex)
                {
                    // The loop must keep reading whatever happened, or a caller would wait on a full queue forever.
                    _logger.LogError(ex, "Clip recorder of camera {Camera}: {Message}; the open clip is abandoned", Camera, ex.Message);
                    _open?.Dispose();
                    _open = null;
                }
            }
        }
        finally
        {
            Close();
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
                if (_open is not null && _open.EventId == command.EventId)
                {
                    _open.StopAfter(command.Micros + Micros.From(_options.ClipAfter));
                    if (_newest != long.MinValue && _open.IsPastEnd(_newest))
                        Close();
                }
                break;
        }
    }

    private void OnFrame(VideoFrame frame)
    {
        if (frame.CaptureMicros <= _newest)
        {
            frame.Dispose();
            return;
        }
        _newest = frame.CaptureMicros;
        if (_open is not null)
        {
            if (_open.IsPastEnd(frame.CaptureMicros))
                Close();
            else
                _open.Write(frame);
        }
        _ring.Enqueue(frame);
        while (_ring.Count > 0 && (_ring.Count > _options.EffectiveMaxBufferedFrames || _ring.Peek().CaptureMicros < _newest - _keepMicros))
            _ring.Dequeue().Dispose();
        Volatile.Write(ref _bufferedFrames, _ring.Count);
    }

    private void OnStart(string eventId, long startMicros)
    {
        Close();
        long clipStart = startMicros - Micros.From(_options.ClipBefore);
        var preRoll = _ring.Where(f => f.CaptureMicros >= clipStart).ToList();
        if (preRoll.Count == 0)
        {
            _logger.LogWarning("Clip recorder of camera {Camera}: no frame buffered for event {EventId}; no clip", Camera, eventId);
            return;
        }
        _open = new ClipWriter(eventId, Camera, ClipPathFor(eventId), clipStart, preRoll[0], _options);
        foreach (var frame in preRoll)
            _open.Write(frame);
        var snapshot = preRoll.MinBy(f => Math.Abs(f.CaptureMicros - startMicros))!;
        FrameMats.WriteJpeg(snapshot, SnapshotPathFor(eventId), _options.JpegQuality);
        _open.SnapshotPath = SnapshotPathFor(eventId);
        _logger.LogInformation("Clip recorder of camera {Camera}: recording {EventId} with {PreRoll} pre-roll frames", Camera, eventId, preRoll.Count);
    }

    private void Close()
    {
        if (_open is null)
            return;
        var clip = _open;
        _open = null;
        clip.Dispose();
        var result = clip.ToResult();
        _completed.Enqueue(result);
        _logger.LogInformation("Clip recorder of camera {Camera}: wrote {Path} ({Frames} frames)", Camera, result.ClipPath, result.Frames);
        ClipCompleted?.Invoke(result);
    }

    private static void CheckId(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (eventId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || eventId is "." or "..")
            throw new ArgumentException($"Event id '{eventId}' cannot name a file.", nameof(eventId));
    }

    private enum CommandKind { Frame, Start, End }

    // Frame: the recorder's own reference, released by the loop (or on disposal if never read).
    private readonly record struct Command(CommandKind Kind, VideoFrame? Frame, string? EventId, long Micros);
}
