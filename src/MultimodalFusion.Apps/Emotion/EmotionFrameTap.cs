using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Preprocessing;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>
/// Sits in front of the aligner's input: passes every packet on unchanged and offers a second reference to one video
/// frame per interval to an <see cref="EmotionFrameCallback"/>, which runs on a task of its own with the face box.
/// </summary>
/// <remarks>
/// <para>Ownership: a chosen frame is retained before it is written on (once written, the aligner may release it at
/// any time); the copy belongs to the one-slot hand-off channel, whose drop callback releases a copy that was
/// replaced, and the handler disposes the copy it took after the callback. The primary write is never slowed: the
/// hand-off is <c>DropOldest</c>, so the callback sees the newest chosen frame.</para>
/// <para>Selection: a frame is chosen when both its capture stamp and the clock moved on by the interval since the last
/// chosen one, so a file decoded faster than real time is thinned by media time and the callback still runs at most
/// once per interval of the clock. Written by one writer (the merger); the detector is not owned.</para>
/// </remarks>
internal sealed class EmotionFrameTap : ChannelWriter<ITimedPacket>
{
    private readonly ChannelWriter<ITimedPacket> _primary;
    private readonly Channel<VideoFrame> _handOff;
    private readonly EmotionFrameCallback _callback;
    private readonly IFaceDetector? _detector;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly long _intervalMicros;
    private long _lastMediaMicros = long.MinValue;
    private long _lastClockMicros = long.MinValue;

    public EmotionFrameTap(ChannelWriter<ITimedPacket> primary, EmotionFrameCallback callback, TimeSpan interval, IFaceDetector? detector,
        IClock clock, ILogger logger)
    {
        _primary = primary;
        _callback = callback;
        _intervalMicros = Micros.From(interval);
        _detector = detector;
        _clock = clock;
        _logger = logger;
        _handOff = Channel.CreateBounded<VideoFrame>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            dropped => dropped.Dispose());
        Completion = Task.Run(HandleAsync);
    }

    /// <summary>Completes when the tap was completed and the last frame handed off was handled.</summary>
    public Task Completion { get; }

    public override bool TryWrite(ITimedPacket item)
    {
        VideoFrame? copy = Choose(item);
        if (!_primary.TryWrite(item))
        {
            copy?.Dispose();
            return false;
        }
        Offer(copy);
        return true;
    }

    public override async ValueTask WriteAsync(ITimedPacket item, CancellationToken cancellationToken = default)
    {
        VideoFrame? copy = Choose(item);
        try
        {
            await _primary.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            copy?.Dispose();
            throw;
        }
        Offer(copy);
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => _primary.WaitToWriteAsync(cancellationToken);

    public override bool TryComplete(Exception? error = null)
    {
        _handOff.Writer.TryComplete();
        return _primary.TryComplete(error);
    }

    private VideoFrame? Choose(ITimedPacket item)
    {
        if (item is not VideoFrame frame)
            return null;
        long now = _clock.NowMicros;
        bool first = _lastMediaMicros == long.MinValue;
        if (!first && (frame.CaptureMicros - _lastMediaMicros < _intervalMicros || now - _lastClockMicros < _intervalMicros))
            return null;
        _lastMediaMicros = frame.CaptureMicros;
        _lastClockMicros = now;
        return frame.Retain();
    }

    private void Offer(VideoFrame? copy)
    {
        if (copy is not null && !_handOff.Writer.TryWrite(copy))
            copy.Dispose();   // completed: the run is ending
    }

    private async Task HandleAsync()
    {
        await foreach (VideoFrame frame in _handOff.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            using (frame)
            {
                try
                {
                    PixelRect? face = _detector?.Detect(frame) is { Count: > 0 } faces ? faces[0] : null;
                    _callback(frame.StreamId, frame, face);
                }
                catch (Exception ex)
                {
                    _logger.LogWarning("Frame {Sequence} of {Source}: the frame observer failed: {Error}", frame.Sequence, frame.StreamId, ex.Message);
                }
            }
        }
    }
}
