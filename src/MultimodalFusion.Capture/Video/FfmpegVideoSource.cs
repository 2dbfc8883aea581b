using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Video;

/// <summary>
/// Live video through Debian's <c>ffmpeg</c> as a child process that writes raw bgr24 frames to its
/// stdout: cameras (<c>camera:0</c>, <c>/dev/videoN</c>; DirectShow on Windows), RTSP and HTTP streams, and files.
/// </summary>
/// <remarks>
/// <para>Timestamps: <see cref="VideoFrame.CaptureMicros"/> is the arrival time of the frame's last
/// byte on the clock; <see cref="VideoFrame.PtsMicros"/> is null.</para>
/// <para>Never blocked by consumers: stdout is read continuously on its own loop and each frame is
/// offered with <c>TryWrite</c>. A refused frame (a full Wait-mode channel) is disposed and counted
/// in <see cref="FramesDropped"/>; a DropOldest channel drops (and releases) old frames itself.
/// Sequence numbers count every frame offered, so a drop shows as a gap downstream.</para>
/// <para>Failures: a watchdog kills ffmpeg when no frame came within
/// <see cref="FfmpegVideoSourceOptions.FirstFrameTimeout"/> of the start or within
/// <see cref="FfmpegVideoSourceOptions.StallTimeout"/> of the previous frame; that, and ffmpeg ending a
/// live input for any reason (it exits 0 on network timeouts), throws a transient
/// <see cref="SourceException"/> quoting ffmpeg's last lines. This source does not reconnect: the
/// pipeline's SourceSupervisor runs it again with backoff. A missing file or camera device node,
/// a file ffmpeg cannot decode and a missing ffmpeg are non-transient. Every message is redacted
/// (<see cref="Core.Diagnostics.CredentialRedactor"/>).</para>
/// <para>The child process is killed on cancellation and whenever a run ends; one run at a time.</para>
/// </remarks>
public sealed class FfmpegVideoSource : IPacketSource<VideoFrame>
{
    private static readonly TimeSpan s_watchdogPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_stderrWait = TimeSpan.FromSeconds(5);

    private readonly FfmpegInput _input;
    private readonly FfmpegVideoSourceOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly BufferPool<byte> _pool;
    private long _sequence;
    private long _framesReceived;
    private long _framesDropped;
    private long _framesSkipped;
    private long _runs;

    /// <summary>A source over <paramref name="input"/> (see the class remarks for the forms), stamped on <paramref name="clock"/>.</summary>
    public FfmpegVideoSource(string input, IClock clock, FfmpegVideoSourceOptions? options = null, ILogger<FfmpegVideoSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _options = options ?? new FfmpegVideoSourceOptions();
        _options.Validate();
        _input = FfmpegInput.Parse(input);
        _clock = clock;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pool = _options.Pool ?? BufferPool<byte>.Shared;
    }

    /// <inheritdoc />
    public string Id => _options.Id;

    /// <inheritdoc />
    public string Description => _input.Description;

    /// <summary>Complete frames read from ffmpeg in all runs.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Frames the output channel refused (full in Wait mode); each was disposed.</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>Frames left out by <see cref="FfmpegVideoSourceOptions.TargetFps"/> sampling.</summary>
    public long FramesSkipped => Interlocked.Read(ref _framesSkipped);

    /// <summary>Runs started (ffmpeg processes launched).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<VideoFrame> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckInputExists();
        cancellationToken.ThrowIfCancellationRequested();
        var log = new FfmpegLog(_options.StderrLinesInErrors);
        var watch = new FrameWatch();
        using var process = FfmpegProcess.Start(_options.FfmpegPath, Arguments(), Description);
        Interlocked.Increment(ref _runs);
        _logger.LogInformation("{Source}: ffmpeg started (pid {Pid})", Description, process.Id);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Killing ffmpeg closes its stdout, which is what ends a blocked pipe read on every platform.
        using var killOnStop = stop.Token.Register(process.Kill);
        var stderr = Task.Run(() => process.PumpStderrAsync(log, _logger, Description));
        var frames = Task.Run(() => ReadFramesAsync(process.Output, output, log, watch));
        var watchdog = WatchdogAsync(process, watch, stop.Token);
        long framesThisRun;
        int? exitCode;
        try
        {
            framesThisRun = await frames.ConfigureAwait(false);
            exitCode = await process.WaitForExitAsync().ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            process.Kill();
            // Reap the child before returning, so that no zombie ffmpeg outlives the run.
            await process.WaitForExitAsync().ConfigureAwait(false);
            await Task.WhenAll(watchdog, stderr.WaitAsync(s_stderrWait)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFailed(framesThisRun, exitCode, watch.Verdict, log);
        _logger.LogInformation("{Source}: ffmpeg finished after {Frames} frames", Description, framesThisRun);
    }

    private void CheckInputExists()
    {
        if (_input.Kind == FfmpegInputKind.File && !File.Exists(_input.Target))
            throw new SourceException(Description, "the file does not exist.", isTransient: false);
        if (_input.Kind == FfmpegInputKind.V4l2 && OperatingSystem.IsLinux() && !File.Exists(_input.Target))
            throw new SourceException(Description, $"no such camera device: {_input.Target} does not exist (is the camera connected? `ls /dev/video*` lists those present).", isTransient: false);
    }

    /// <summary>The full ffmpeg command line for this source (contains credentials: never log it unredacted).</summary>
    internal IReadOnlyList<string> Arguments()
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info" };
        args.AddRange(_input.InputArguments(_options));
        args.AddRange(["-an", "-sn", "-dn"]);
        if (_options.Width is { } w && _options.Height is { } h)
            args.AddRange(["-vf", $"scale={w}:{h}"]);
        // passthrough: one output frame per decoded frame (no duplicates or drops to force a constant rate).
        args.AddRange(["-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1"]);
        return args;
    }

    private async Task<long> ReadFramesAsync(Stream stdout, ChannelWriter<VideoFrame> output, FfmpegLog log, FrameWatch watch)
    {
        (int width, int height) = _options.Width is { } w && _options.Height is { } h
            ? (w, h)
            : await log.FrameSize.ConfigureAwait(false) ?? (0, 0);
        if (width == 0)
            return 0; // ffmpeg ended before describing its output; the exit path reports why
        int frameBytes = PixelFormat.Bgr24.FrameBytes(width, height);
        _logger.LogDebug("{Source}: reading {Width}x{Height} bgr24 frames ({Bytes} bytes each)", Description, width, height, frameBytes);
        var sampler = new FrameRateSampler(_options.TargetFps);
        long frames = 0;
        while (true)
        {
            var buffer = _pool.Rent(frameBytes);
            int filled;
            try
            {
                filled = await stdout.ReadAtLeastAsync(buffer.Memory, frameBytes, throwOnEndOfStream: false).ConfigureAwait(false);
            }
            catch
            {
                buffer.Dispose();
                throw;
            }
            if (filled < frameBytes)
            {
                buffer.Dispose(); // end of stream; a partial frame is dropped
                return frames;
            }
            long arrival = _clock.NowMicros;
            watch.MarkFrame();
            frames++;
            Interlocked.Increment(ref _framesReceived);
            if (!sampler.ShouldKeep(arrival))
            {
                buffer.Dispose();
                Interlocked.Increment(ref _framesSkipped);
                continue;
            }
            var frame = new VideoFrame(buffer, width, height, PixelFormat.Bgr24, Id, _sequence++, arrival, ptsMicros: null);
            if (!output.TryWrite(frame))
            {
                frame.Dispose();
                Interlocked.Increment(ref _framesDropped);
            }
        }
    }

    private async Task WatchdogAsync(FfmpegProcess process, FrameWatch watch, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(s_watchdogPeriod, token).ConfigureAwait(false);
                string? verdict = watch.Check(_options.FirstFrameTimeout, _options.StallTimeout);
                if (verdict is null)
                    continue;
                _logger.LogWarning("{Source}: {Verdict}; killing ffmpeg (pid {Pid})", Description, verdict, process.Id);
                process.Kill();
                return;
            }
        }
        catch (OperationCanceledException) { }
    }

    private void ThrowIfFailed(long frames, int? exitCode, string? verdict, FfmpegLog log)
    {
        string said = $"ffmpeg said: {log.Tail()}";
        if (verdict is not null)
        {
            // Without a configured size the frames are read only once ffmpeg's log gave it.
            string hint = frames == 0 && _options.Width is null && log.FrameSize is { IsCompleted: true, Result: null }
                ? " ffmpeg never described its output stream; setting Width and Height does not depend on its log."
                : "";
            throw new SourceException(Description, $"{verdict}; ffmpeg was killed after {frames} frames.{hint} {said}", isTransient: true);
        }
        string exit = exitCode is { } code ? $"exit code {code}" : "no exit code";
        if (_input.IsFile)
        {
            if (exitCode == 0 && frames > 0)
                return;
            throw new SourceException(Description, $"ffmpeg could not decode it ({exit}, {frames} frames). {said}", isTransient: false);
        }
        throw new SourceException(Description, $"ffmpeg ended ({exit}) after {frames} frames: the stream could not be opened, ended or was lost. {said}", isTransient: true);
    }
}
