using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace MultimodalFusion.Capture.Audio;

/// <summary>Reads a WAV file as 16 kHz mono float chunks (NAudio: down-mix, then WDL resampling).</summary>
/// <remarks>
/// Chunk times are <c>origin + samples / 16 kHz</c> where origin is
/// <see cref="AudioFileOptions.MediaOriginMicros"/> (or the clock at the start of the run), so a file
/// of N samples ends exactly at <c>origin + N / 16 kHz</c>. Each run reads the file from the start.
/// A missing or unreadable file throws a non-transient <see cref="SourceException"/> naming it.
/// </remarks>
public sealed class WavFileSource : IPacketSource<AudioChunk>
{
    private readonly string _path;
    private readonly AudioFileOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private long _nextSequence;

    /// <summary>Creates the source; nothing is opened until <see cref="RunAsync"/>.</summary>
    public WavFileSource(string path, AudioFileOptions options, IClock clock, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? NullLogger.Instance;
        AudioFormat.FramesIn(_options.EffectiveChunkDuration);
    }

    /// <inheritdoc />
    public string Id => _options.StreamId;

    /// <inheritdoc />
    public string Description => $"wav file '{_path}'";

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<AudioChunk> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var reader = Open();
        ISampleProvider samples = reader.ToSampleProvider();
        if (samples.WaveFormat.Channels > 1)
            samples = new MonoMixSampleProvider(samples);
        if (samples.WaveFormat.SampleRate != AudioFormat.SampleRateHz)
            samples = new WdlResamplingSampleProvider(samples, AudioFormat.SampleRateHz);
        _logger.LogInformation("Reading {File}: {Format}, {Duration}", _path, reader.WaveFormat, reader.TotalTime);

        int chunkFrames = AudioFormat.FramesIn(_options.EffectiveChunkDuration);
        long origin = _options.MediaOriginMicros ?? _clock.NowMicros;
        using var chunker = new AudioChunker(Id, chunkFrames, origin, _nextSequence);
        var block = new float[chunkFrames];
        var ready = new List<AudioChunk>();
        IClock? pace = _options.Realtime ? _clock : null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read;
                try
                {
                    read = samples.Read(block);
                }
                catch (Exception e) when (e is IOException or FormatException or InvalidDataException or ArgumentException)
                {
                    throw new SourceException(Description, $"cannot decode the file after {chunker.TotalFrames} samples: {e.Message}", isTransient: false, e);
                }
                if (read <= 0)
                    break;
                chunker.Append(block.AsSpan(0, read), ready);
                await AudioChunker.WriteAllAsync(ready, output, pace, cancellationToken).ConfigureAwait(false);
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
        }
        _logger.LogInformation("{File} ended after {Frames} samples at 16 kHz", _path, chunker.TotalFrames);
    }

    private WaveFileReader Open()
    {
        if (!File.Exists(_path))
            throw new SourceException(Description, "file not found.", isTransient: false, new FileNotFoundException(null, _path));
        try
        {
            var reader = new WaveFileReader(_path);
            var format = reader.WaveFormat;
            bool supported = format.Encoding is WaveFormatEncoding.Pcm or WaveFormatEncoding.IeeeFloat or WaveFormatEncoding.Extensible;
            if (!supported || format.Channels < 1 || format.SampleRate <= 0)
            {
                reader.Dispose();
                throw new SourceException(Description, $"unsupported WAV encoding {format.Encoding} ({format}); convert it to PCM or float, or use AudioFileSource (ffmpeg).", isTransient: false);
            }
            return reader;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new SourceException(Description, $"not a readable WAV file ({e.Message}).", isTransient: false, e);
        }
    }
}
