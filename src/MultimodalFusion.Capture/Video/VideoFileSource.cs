using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using OpenCvSharp;

namespace MultimodalFusion.Capture.Video;

/// <summary>Reads every frame of a video file with OpenCV (its bundled FFmpeg) into pooled bgr24 buffers.</summary>
/// <remarks>
/// Timestamps: <see cref="VideoFrame.PtsMicros"/> is the container's presentation time of the frame
/// (OpenCV's CAP_PROP_POS_MSEC after each read, microsecond precision) and
/// <see cref="VideoFrame.CaptureMicros"/> = origin + PTS, the origin being
/// <see cref="VideoFileSourceOptions.OriginMicros"/> or the clock's time when the first run started.
/// A frame whose PTS goes backwards is logged, counted in <see cref="TimestampRegressions"/> and dropped;
/// a frame without a timestamp gets the previous PTS plus one frame duration (<see cref="TimestampsEstimated"/>).
/// Frames are written with <c>await WriteAsync</c>: with a Wait-mode channel nothing is lost and a
/// slow consumer slows the file down, which is what files and benchmarks want.
/// Errors: a missing, unreadable or corrupt file throws a non-transient <see cref="SourceException"/>
/// naming the file. One run at a time; each run reads the file from its start and continues the
/// sequence numbers.
/// </remarks>
public sealed class VideoFileSource : IPacketSource<VideoFrame>
{
    private readonly string _path;
    private readonly VideoFileSourceOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly BufferPool<byte> _pool;
    private long? _originMicros;
    private long _sequence;
    private long _framesDecoded;
    private long _timestampRegressions;
    private long _timestampsEstimated;

    /// <summary>A source over the file at <paramref name="path"/>, stamped on <paramref name="clock"/>.</summary>
    public VideoFileSource(string path, IClock clock, VideoFileSourceOptions? options = null, ILogger<VideoFileSource>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        _path = Path.GetFullPath(path);
        _clock = clock;
        _options = options ?? new VideoFileSourceOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pool = _options.Pool ?? BufferPool<byte>.Shared;
        _originMicros = _options.OriginMicros;
    }

    /// <inheritdoc />
    public string Id => _options.Id;

    /// <inheritdoc />
    public string Description => $"video file '{_path}'";

    /// <summary>Frames decoded in all runs (kept or not by the fps sampling).</summary>
    public long FramesDecoded => Interlocked.Read(ref _framesDecoded);

    /// <summary>Frames dropped because their PTS went backwards.</summary>
    public long TimestampRegressions => Interlocked.Read(ref _timestampRegressions);

    /// <summary>Frames that had no timestamp in the container and were placed one frame duration after the previous one.</summary>
    public long TimestampsEstimated => Interlocked.Read(ref _timestampsEstimated);

    /// <summary>Clock time of PTS 0 once the first run has started; null before.</summary>
    public long? OriginMicros => _originMicros;

    /// <inheritdoc />
    public Task RunAsync(ChannelWriter<VideoFrame> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        // OpenCV decodes synchronously; keep it off the caller's thread.
        return Task.Run(() => ReadAllAsync(output, cancellationToken), cancellationToken);
    }

    private async Task ReadAllAsync(ChannelWriter<VideoFrame> output, CancellationToken ct)
    {
        if (!File.Exists(_path))
            throw new SourceException(Description, "the file does not exist.", isTransient: false);
        using var capture = new VideoCapture(_path, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
            throw new SourceException(Description, "OpenCV cannot open it as a video (corrupt, truncated or not a video format it decodes).", isTransient: false);
        _logger.LogInformation("{Source}: {Width}x{Height}, {Fps:F3} fps, about {Frames} frames", Description,
            capture.FrameWidth, capture.FrameHeight, capture.Fps, capture.FrameCount);

        long origin = _originMicros ??= _clock.NowMicros;
        var sampler = new FrameRateSampler(_options.TargetFps);
        using var mat = new Mat();
        long decodedThisRun = 0;
        long lastPts = long.MinValue;
        long frameMicros = capture.Fps > 0 ? (long)Math.Round(1_000_000 / capture.Fps) : 0;
        while (!ct.IsCancellationRequested && capture.Read(mat) && !mat.Empty())
        {
            decodedThisRun++;
            Interlocked.Increment(ref _framesDecoded);
            long pts = (long)Math.Round(capture.Get(VideoCaptureProperties.PosMsec) * 1000.0);
            if (pts == 0 && lastPts > 0 && frameMicros > 0)
            {
                // OpenCV reports 0 for a frame without a timestamp (e.g. the placeholder that a
                // packed-bitstream AVI flushes at its end): place it one frame after the previous one.
                pts = lastPts + frameMicros;
                Interlocked.Increment(ref _timestampsEstimated);
            }
            if (pts < lastPts)
            {
                Interlocked.Increment(ref _timestampRegressions);
                _logger.LogWarning("{Source}: PTS went back from {Last} us to {Pts} us; frame dropped", Description, lastPts, pts);
                continue;
            }
            lastPts = pts;
            if (!sampler.ShouldKeep(pts))
                continue;
            long captureMicros = origin + pts;
            if (_options.Realtime)
                await _clock.WaitUntilAsync(captureMicros, ct).ConfigureAwait(false);
            var frame = MatCopy.ToFrame(mat, _pool, Id, _sequence, captureMicros, pts);
            try
            {
                await output.WriteAsync(frame, ct).ConfigureAwait(false);
            }
            catch
            {
                frame.Dispose(); // not handed over: still ours
                throw;
            }
            _sequence++;
        }
        ct.ThrowIfCancellationRequested();
        if (decodedThisRun == 0)
            throw new SourceException(Description, "it opened but no frame could be decoded (corrupt or empty video stream).", isTransient: false);
        _logger.LogInformation("{Source}: end of file after {Frames} frames", Description, decodedThisRun);
    }
}
