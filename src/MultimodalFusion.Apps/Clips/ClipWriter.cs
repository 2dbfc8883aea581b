using System.Diagnostics;
using System.Globalization;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Clips;

/// <summary>One open event clip: raw BGR frames piped into an <c>ffmpeg</c> child that writes a fragmented H.264 mp4.</summary>
/// <remarks>
/// <para>Why a child process and not OpenCV's VideoWriter: the VideoWriter writes the mp4 index (moov) only when it is
/// disposed, so a SIGKILL mid-event left an unplayable file (measured). Here ffmpeg writes a fragmented mp4
/// (<c>frag_keyframe+empty_moov</c>, a keyframe every second, each fragment flushed to disk when complete): every
/// finished fragment is playable whatever happens later. If only our process dies, ffmpeg reads EOF on its stdin and finishes the file cleanly; if it dies
/// too (a process-tree kill), the file holds every fragment written so far, at most about a second short, plus perhaps
/// a torn last fragment that <see cref="ClipFiles"/> cuts off on recovery. H.264 (libx264, yuv420p) also plays in
/// browsers, which mp4v did not.</para>
/// <para>The file is written under its partial name and published by the recorder only when finished (copied into an
/// ordinary mp4 with its index up front, then renamed: <see cref="ClipFiles"/>), so a clip path never names a
/// half-written file. Owned and used by the recorder's writer loop only (not thread-safe).
/// Frames passed in stay owned by the caller; their pixels are copied into the pipe during the call.</para>
/// </remarks>
internal sealed class ClipWriter : IDisposable
{
    private static readonly TimeSpan s_finishTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Queue<string> _stderr = new();
    private readonly Size _size;
    private readonly long _maxEndMicros;
    private long _stopAfterMicros = long.MaxValue;
    private bool? _finishedCleanly;

    /// <summary>
    /// Starts ffmpeg writing <paramref name="partialPath"/> at <paramref name="size"/> (frames of another size are
    /// scaled); the clip may run until <paramref name="clipStartMicros"/> + MaxClipLength.
    /// </summary>
    public ClipWriter(string eventId, string camera, string partialPath, long clipStartMicros, Size size, bool resumed, EventClipRecorderOptions options)
    {
        EventId = eventId;
        Camera = camera;
        PartialPath = partialPath;
        Resumed = resumed;
        _size = size;
        _maxEndMicros = clipStartMicros + Micros.From(options.MaxClipLength);
        Directory.CreateDirectory(Path.GetDirectoryName(partialPath)!);
        _process = new Process { StartInfo = ClipTool.StartInfo(options.FfmpegPath, Arguments(partialPath, size, options.Fps), redirectInput: true) };
        _process.ErrorDataReceived += (_, e) => OnStderr(e.Data);
        _process.OutputDataReceived += (_, _) => { };
        try
        {
            ClipTool.Start(_process, options.FfmpegPath, $"writing clip '{partialPath}' of camera '{camera}'");
        }
        catch
        {
            _process.Dispose();
            throw;
        }
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        _stdin = _process.StandardInput.BaseStream;
    }

    public string EventId { get; }
    public string Camera { get; }
    public string PartialPath { get; }
    public bool Resumed { get; }
    public string? SnapshotPath { get; set; }
    public int Frames { get; private set; }
    public long FirstMicros { get; private set; }
    public long LastMicros { get; private set; } = long.MinValue;
    public bool HitMaxLength { get; private set; }
    public int Width => _size.Width;
    public int Height => _size.Height;

    /// <summary>The ffmpeg child's process id (tests kill it to simulate a crash).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The event ended: frames up to and including <paramref name="stopAfterMicros"/> still go in.</summary>
    public void StopAfter(long stopAfterMicros) => _stopAfterMicros = stopAfterMicros;

    /// <summary>True when a frame at <paramref name="micros"/> falls past the clip's end (ClipAfter past the event, or its max length).</summary>
    public bool IsPastEnd(long micros)
    {
        if (micros > _maxEndMicros)
        {
            HitMaxLength = _stopAfterMicros == long.MaxValue || _stopAfterMicros > _maxEndMicros;
            return true;
        }
        return micros > _stopAfterMicros;
    }

    /// <summary>Appends <paramref name="frame"/> unless it is not after the last written one; blocks while ffmpeg is behind.</summary>
    public void Write(VideoFrame frame)
    {
        if (frame.CaptureMicros <= LastMicros)
            return;
        try
        {
            if (frame.Format == PixelFormat.Bgr24 && frame.Width == _size.Width && frame.Height == _size.Height)
                _stdin.Write(frame.Span);
            else
                WriteConverted(frame);
        }
        catch (IOException ex)
        {
            throw new IOException($"ffmpeg stopped taking frames for clip '{PartialPath}' of camera '{Camera}': {ex.Message} ({StderrTail()})", ex);
        }
        if (Frames == 0)
            FirstMicros = frame.CaptureMicros;
        LastMicros = frame.CaptureMicros;
        Frames++;
    }

    /// <summary>
    /// Ends the input and waits for ffmpeg to finish the file; true when it exited 0 (the partial file is complete).
    /// Idempotent. False: ffmpeg failed or was stuck (then killed); the partial file may be torn.
    /// </summary>
    public bool Finish()
    {
        if (_finishedCleanly is { } done)
            return done;
        try { _stdin.Dispose(); } catch (IOException) { } // ffmpeg already gone: its exit code tells
        bool exited = _process.WaitForExit(s_finishTimeout);
        if (!exited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        else
        {
            _process.WaitForExit(); // drains stderr
        }
        _finishedCleanly = exited && _process.ExitCode == 0;
        return _finishedCleanly.Value;
    }

    /// <summary>ffmpeg's last error lines (empty when it printed none).</summary>
    public string StderrTail()
    {
        lock (_stderr)
            return string.Join(" | ", _stderr);
    }

    /// <summary>Finishes ffmpeg (see <see cref="Finish"/>) and releases the process handle.</summary>
    public void Dispose()
    {
        Finish();
        _process.Dispose();
    }

    private void WriteConverted(VideoFrame frame)
    {
        using var mat = FrameMats.ToBgrMat(frame);
        if (mat.Width == _size.Width && mat.Height == _size.Height)
        {
            WriteMat(mat);
            return;
        }
        using var scaled = new Mat();
        Cv2.Resize(mat, scaled, _size);
        WriteMat(scaled);
    }

    private unsafe void WriteMat(Mat mat) =>
        // Both Mats are freshly allocated, hence continuous: rows follow each other without padding.
        _stdin.Write(new ReadOnlySpan<byte>((void*)mat.Data, _size.Width * _size.Height * 3));

    private void OnStderr(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        lock (_stderr)
        {
            _stderr.Enqueue(line.Trim());
            while (_stderr.Count > 6)
                _stderr.Dequeue();
        }
    }

    private static List<string> Arguments(string partialPath, Size size, double fps)
    {
        string rate = fps.ToString("0.###", CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{size.Width}x{size.Height}", "-framerate", rate, "-i", "pipe:0",
            "-an",
        };
        if (size.Width % 2 != 0 || size.Height % 2 != 0)
            args.AddRange(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]); // yuv420p needs even sides
        // zerolatency: no lookahead and no B-frames, so each frame leaves the encoder at once and decode order is
        // presentation order (recovery cuts a torn tail by packet count). A keyframe (and so a fragment) every second;
        // flush_packets: each finished fragment goes to disk at once (without it ffmpeg held ~256 KiB, measured: 14 of 35 frames).
        args.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
            "-g", Math.Max(1, (int)Math.Round(fps)).ToString(CultureInfo.InvariantCulture), "-flush_packets", "1",
            "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-f", "mp4", "-y", partialPath]);
        return args;
    }
}
