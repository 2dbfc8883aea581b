using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Apps.Clips;

// The writer loop's clip steps: open (new or resumed), close and publish, start-up recovery. Loop thread only.
public sealed partial class EventClipRecorder
{
    private void OnStart(string eventId, long startMicros)
    {
        Close();
        _pendingResume = null; // a new start means the resumed event ended before it
        long clipStart = startMicros - Micros.From(_options.ClipBefore);
        var preRoll = _ring.Where(f => f.CaptureMicros >= clipStart).ToList();
        if (preRoll.Count == 0)
        {
            _logger.LogWarning("Clip recorder of camera {Camera}: no frame buffered for event {EventId}; no clip", Camera, eventId);
            return;
        }
        Open(eventId, clipStart, preRoll, new OpenCvSharp.Size(preRoll[0].Width, preRoll[0].Height), resumed: false);
        FrameMats.WriteJpeg(preRoll.MinBy(f => Math.Abs(f.CaptureMicros - startMicros))!, SnapshotPathFor(eventId), _options.JpegQuality);
        _open!.SnapshotPath = SnapshotPathFor(eventId);
        _logger.LogInformation("Clip recorder of camera {Camera}: recording {EventId} with {PreRoll} pre-roll frames", Camera, eventId, preRoll.Count);
    }

    // The part of an event that started before a restart: the buffered frames from ClipBefore ahead of its end (all, when
    // the end is unknown or lies before them), at the earlier part's size so that the two can be joined.
    private void OpenResumed(string eventId, long? endMicros)
    {
        Close();
        long from = endMicros is { } end ? end - Micros.From(_options.ClipBefore) : long.MinValue;
        var frames = _ring.Where(f => f.CaptureMicros >= from).ToList();
        if (frames.Count == 0)
        {
            if (endMicros is not null)
                _logger.LogWarning("Clip recorder of camera {Camera}: event {EventId} (started before a restart) ended with no frame buffered; no clip of its remaining part", Camera, eventId);
            return;
        }
        _pendingResume = null;
        string earlier = ClipPathFor(eventId);
        var size = (File.Exists(earlier) ? _files.ProbeSize(earlier) : null) ?? new OpenCvSharp.Size(frames[0].Width, frames[0].Height);
        Open(eventId, frames[0].CaptureMicros, frames, size, resumed: true);
        if (!File.Exists(SnapshotPathFor(eventId)))
            FrameMats.WriteJpeg(frames[0], SnapshotPathFor(eventId), _options.JpegQuality);
        _open!.SnapshotPath = SnapshotPathFor(eventId);
        _logger.LogInformation("Clip recorder of camera {Camera}: recording the remaining part of {EventId} (started before a restart; earlier part {Earlier}) from {Frames} buffered frames",
            Camera, eventId, File.Exists(earlier) ? earlier : "none", frames.Count);
    }

    private void Open(string eventId, long clipStartMicros, List<VideoFrame> frames, OpenCvSharp.Size size, bool resumed)
    {
        _recorded.Add(eventId);
        _open = new ClipWriter(eventId, Camera, _files.PartialPath(eventId), clipStartMicros, size, resumed, _options);
        Volatile.Write(ref _openPid, _open.ProcessId);
        foreach (var frame in frames)
            _open.Write(frame);
    }

    // Finishes the open clip and publishes it under its final name (joined after an earlier part, if any).
    private void Close()
    {
        if (_open is null)
            return;
        var clip = _open;
        _open = null;
        Volatile.Write(ref _openPid, 0);
        bool clean = clip.Finish();
        if (!clean)
            _logger.LogWarning("Clip recorder of camera {Camera}: ffmpeg did not finish {Path} cleanly ({Error}); keeping its complete frames",
                Camera, clip.PartialPath, clip.StderrTail());
        clip.Dispose();
        string? path = _files.Publish(clip.EventId, clean);
        if (path is null)
            return;
        var result = new RecordedClip(clip.EventId, Camera, path, clip.SnapshotPath, clip.Frames, clip.FirstMicros, clip.LastMicros,
            clip.Width, clip.Height, clip.HitMaxLength, clip.Resumed);
        _completed.Enqueue(result);
        _logger.LogInformation("Clip recorder of camera {Camera}: wrote {Path} ({Frames} frames{Resumed})", Camera, path, result.Frames,
            clip.Resumed ? " recorded after a restart" : "");
        ClipCompleted?.Invoke(result);
    }

    private void CloseSafely()
    {
        try
        {
            Close();
        }
        catch (Exception ex)
        {
            _open = null;
            _logger.LogError(ex, "Clip recorder of camera {Camera}: could not close the failed clip: {Message}", Camera, ex.Message);
        }
    }

    private void Recover()
    {
        try
        {
            _recovered = _files.RecoverLeftovers();
        }
        catch (Exception ex)
        {
            // New clips must still be recorded; what is left stays on disk for the next start or a person.
            _logger.LogError(ex, "Clip recorder of camera {Camera}: recovering unfinished clips in {Folder} failed: {Message}", Camera, _files.Folder, ex.Message);
        }
    }
}
