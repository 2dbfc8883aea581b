using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Capture.Video;

/// <summary>What kind of input an ffmpeg source spec names, and the ffmpeg arguments that read it.</summary>
internal sealed class FfmpegInput
{
    private FfmpegInput(FfmpegInputKind kind, string target, string description)
    {
        Kind = kind;
        Target = target;
        Description = description;
    }

    /// <summary>The kind of input.</summary>
    public FfmpegInputKind Kind { get; }

    /// <summary>What ffmpeg opens: a device path, a dshow name, a URL (with its credentials) or a file path.</summary>
    public string Target { get; }

    /// <summary>Safe to log: credentials redacted.</summary>
    public string Description { get; }

    /// <summary>True for inputs that end by themselves (files); a live input that ends is an error.</summary>
    public bool IsFile => Kind == FfmpegInputKind.File;

    /// <summary>
    /// Parses <paramref name="spec"/>: <c>camera:N</c> (Linux: /dev/videoN; Windows: <c>camera:NAME</c>, a
    /// DirectShow device name), <c>/dev/videoN</c>, <c>rtsp://</c>/<c>rtsps://</c>, <c>http://</c>/<c>https://</c>, or a file path.
    /// </summary>
    public static FfmpegInput Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        string s = spec.Trim();
        if (s.StartsWith("camera:", StringComparison.OrdinalIgnoreCase))
        {
            string name = s["camera:".Length..];
            if (OperatingSystem.IsWindows())
                return new FfmpegInput(FfmpegInputKind.DirectShow, name, $"camera '{name}' (DirectShow)");
            if (!int.TryParse(name, out int index) || index < 0)
                throw new ArgumentException($"'{spec}': on Linux a camera is camera:N (N = the number of /dev/videoN) or a /dev/video* path.", nameof(spec));
            s = $"/dev/video{index}";
        }
        if (s.StartsWith("/dev/", StringComparison.Ordinal))
            return new FfmpegInput(FfmpegInputKind.V4l2, s, $"camera {s}");
        if (Uri.TryCreate(s, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            var kind = uri.Scheme.ToLowerInvariant() switch
            {
                "rtsp" or "rtsps" => FfmpegInputKind.Rtsp,
                "http" or "https" => FfmpegInputKind.Http,
                _ => throw new ArgumentException($"'{CredentialRedactor.Redact(spec)}': unsupported URL scheme '{uri.Scheme}' (rtsp, rtsps, http, https).", nameof(spec)),
            };
            return new FfmpegInput(kind, s, $"stream {CredentialRedactor.Redact(s)}");
        }
        string path = Path.GetFullPath(s);
        return new FfmpegInput(FfmpegInputKind.File, path, $"video file '{path}'");
    }

    /// <summary>The ffmpeg arguments up to and including <c>-i TARGET</c>.</summary>
    public IEnumerable<string> InputArguments(FfmpegVideoSourceOptions options)
    {
        string timeoutMicros = ((long)options.NetworkTimeout.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] probe = options.FastProbe ? ["-probesize", "32", "-analyzeduration", "0"] : [];
        switch (Kind)
        {
            case FfmpegInputKind.V4l2:
                return ["-f", "v4l2", "-i", Target];
            case FfmpegInputKind.DirectShow:
                return ["-f", "dshow", "-i", "video=" + Target];
            case FfmpegInputKind.Rtsp:
                return [.. probe, "-rtsp_transport", options.RtspTransport == RtspTransport.Udp ? "udp" : "tcp", "-timeout", timeoutMicros, "-i", Target];
            case FfmpegInputKind.Http:
                return [.. probe, "-rw_timeout", timeoutMicros, "-i", Target];
            default:
                return options.Realtime ? ["-re", "-i", Target] : ["-i", Target];
        }
    }
}

/// <summary>Input kinds of <see cref="FfmpegInput"/>.</summary>
internal enum FfmpegInputKind
{
    File,
    V4l2,
    DirectShow,
    Rtsp,
    Http,
}
