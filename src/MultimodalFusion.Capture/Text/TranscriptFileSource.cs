using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Text;

/// <summary>Reads a subtitle or transcript file (.srt, .vtt, .jsonl/.ndjson) as segments on the media clock.</summary>
/// <remarks>
/// Segment times are <c>origin + cue start</c> and <c>origin + cue end</c>; cues are emitted in order of
/// start time (a stable sort, so equal starts keep file order). A missing file, an unknown extension
/// or a malformed line throws a non-transient <see cref="SourceException"/> whose message names the
/// file and the line. Each run reads the file again.
/// </remarks>
public sealed class TranscriptFileSource : IPacketSource<TranscriptSegment>
{
    private readonly string _path;
    private readonly TranscriptFileOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private long _nextSequence;

    /// <summary>Creates the source; nothing is read until <see cref="RunAsync"/>.</summary>
    public TranscriptFileSource(string path, TranscriptFileOptions options, IClock clock, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Id => _options.StreamId;

    /// <inheritdoc />
    public string Description => $"transcript file '{_path}'";

    /// <summary>True for the extensions this source reads.</summary>
    public static bool IsTranscriptPath(string path) => Path.GetExtension(path).ToLowerInvariant() is ".srt" or ".vtt" or ".jsonl" or ".ndjson";

    /// <summary>Parses the file by its extension; throws <see cref="SourceException"/> naming file and line.</summary>
    public List<TranscriptCue> ReadCues()
    {
        if (!File.Exists(_path))
            throw new SourceException(Description, "file not found.", isTransient: false, new FileNotFoundException(null, _path));
        try
        {
            return Path.GetExtension(_path).ToLowerInvariant() switch
            {
                ".srt" => SrtParser.ParseFile(_path),
                ".vtt" => VttParser.ParseFile(_path),
                ".jsonl" or ".ndjson" => JsonLinesTranscriptParser.ParseFile(_path),
                var other => throw new SourceException(Description, $"unknown transcript type '{other}'; use .srt, .vtt or .jsonl.", isTransient: false),
            };
        }
        catch (TranscriptFormatException e)
        {
            throw new SourceException(Description, e.Message, isTransient: false, e);
        }
        catch (IOException e)
        {
            throw new SourceException(Description, $"cannot read the file: {e.Message}", isTransient: false, e);
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<TranscriptSegment> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();
        var cues = ReadCues().OrderBy(c => c.Start).ToList();
        long origin = _options.MediaOriginMicros ?? _clock.NowMicros;
        _logger.LogInformation("{Source}: {Count} cues, origin {Origin} us", Description, cues.Count, origin);
        foreach (var cue in cues)
        {
            long start = origin + Micros.From(cue.Start), end = origin + Micros.From(cue.End);
            if (_options.Realtime)
                await _clock.WaitUntilAsync(end, cancellationToken).ConfigureAwait(false);
            var segment = new TranscriptSegment(Id, _nextSequence, start, end, cue.Text, cue.Confidence, cue.IsFinal);
            await output.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            _nextSequence++;
        }
    }
}
