using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Audio;

/// <summary>Reads any audio (or the audio track of a video) that ffmpeg decodes, as 16 kHz mono float chunks.</summary>
/// <remarks>
/// Runs <c>ffmpeg -i FILE -vn -ac 1 -ar 16000 -f f32le pipe:1</c> as a child process and cuts its
/// stdout into chunks; timing as in <see cref="WavFileSource"/> (origin + sample count). The child is
/// killed when the run is cancelled or fails. A missing file, a file without audio or one that ffmpeg
/// cannot decode throws a non-transient <see cref="SourceException"/> naming it, with ffmpeg's own words.
/// </remarks>
public sealed class AudioFileSource : IPacketSource<AudioChunk>
{
    private readonly string _path;
    private readonly AudioFileOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private long _nextSequence;

    /// <summary>Creates the source; <paramref name="ffmpegPath"/> defaults to "ffmpeg" on PATH.</summary>
    public AudioFileSource(string path, AudioFileOptions options, IClock clock, ILogger? logger = null, string ffmpegPath = "ffmpeg")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? NullLogger.Instance;
        FfmpegPath = ffmpegPath;
        AudioFormat.FramesIn(_options.EffectiveChunkDuration);
    }

    /// <summary>The ffmpeg executable used.</summary>
    public string FfmpegPath { get; }

    /// <inheritdoc />
    public string Id => _options.StreamId;

    /// <inheritdoc />
    public string Description => $"audio file '{_path}'";

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<AudioChunk> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(_path))
            throw new SourceException(Description, "file not found.", isTransient: false, new FileNotFoundException(null, _path));

        using var ffmpeg = Start();
        var stderr = new StringBuilder();
        ffmpeg.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        ffmpeg.BeginErrorReadLine();

        int chunkFrames = AudioFormat.FramesIn(_options.EffectiveChunkDuration);
        long origin = _options.MediaOriginMicros ?? _clock.NowMicros;
        using var chunker = new AudioChunker(Id, chunkFrames, origin, _nextSequence);
        var bytes = new byte[chunkFrames * sizeof(float)];
        int pending = 0; // bytes of an incomplete float carried to the next read
        var ready = new List<AudioChunk>();
        IClock? pace = _options.Realtime ? _clock : null;
        Stream stdout = ffmpeg.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                int read = await stdout.ReadAsync(bytes.AsMemory(pending), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                int available = pending + read;
                int whole = available / sizeof(float) * sizeof(float);
                chunker.Append(MemoryMarshal.Cast<byte, float>(bytes.AsSpan(0, whole)), ready);
                pending = available - whole;
                bytes.AsSpan(whole, pending).CopyTo(bytes);
                await AudioChunker.WriteAllAsync(ready, output, pace, cancellationToken).ConfigureAwait(false);
            }
            await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (ffmpeg.ExitCode != 0 || chunker.TotalFrames == 0)
            {
                string said;
                lock (stderr) said = stderr.ToString().Trim();
                string why = said.Length > 0 ? said : "no audio samples decoded";
                throw new SourceException(Description, $"ffmpeg could not decode the audio (exit {ffmpeg.ExitCode}): {why}", isTransient: false);
            }
            if (chunker.Flush() is { } tail)
            {
                ready.Add(tail);
                await AudioChunker.WriteAllAsync(ready, output, pace, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _nextSequence = chunker.NextSequence;
            if (!ffmpeg.HasExited)
            {
                try { ffmpeg.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            }
        }
        _logger.LogInformation("{File} ended after {Frames} samples at 16 kHz", _path, chunker.TotalFrames);
    }

    private Process Start()
    {
        var psi = new ProcessStartInfo(FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-hide_banner", "-nostdin", "-loglevel", "error", "-i", _path, "-vn", "-ac", "1",
                     "-ar", AudioFormat.SampleRateHz.ToString(), "-f", "f32le", "pipe:1" })
            psi.ArgumentList.Add(a);
        try
        {
            return Process.Start(psi) ?? throw new SourceException(Description, $"could not start '{FfmpegPath}'.", isTransient: false);
        }
        catch (Win32Exception e)
        {
            throw new SourceException(Description, $"cannot run '{FfmpegPath}' ({e.Message}); install ffmpeg (tools/install-deps.sh) or pass its path.", isTransient: false, e);
        }
    }
}
