using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Text;

/// <summary>Reads a live transcript as JSON lines (schema: <see cref="JsonLinesTranscriptParser"/>) from stdin, a FIFO or any TextReader.</summary>
/// <remarks>
/// <para>Times: a line with <c>start</c>/<c>end</c> (seconds) is placed at <c>origin + start</c>; a line
/// without times gets its arrival time on the clock for both ends. The origin is fixed at the first run.
/// A segment that starts before the previous one is logged, counted in <see cref="Regressions"/> and
/// dropped, keeping the stream monotonic.</para>
/// <para>The run ends when the reader reaches its end (the writer closed the pipe). A read that is
/// pending at cancellation is kept and awaited by the next run, so no line is lost. The source owns a
/// reader it opened itself (<see cref="ForPath"/>); a reader passed in stays the caller's.</para>
/// </remarks>
public sealed class LiveTranscriptSource : IPacketSource<TranscriptSegment>
{
    private readonly Func<TextReader> _open;
    private readonly LiveTranscriptOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private Task<TextReader>? _reader;
    private Task<string?>? _pendingLine;
    private long? _origin;
    private long _lastStart = long.MinValue;
    private long _nextSequence;
    private int _lineNumber;

    /// <summary>Reads lines from <paramref name="reader"/> (not disposed by this source).</summary>
    public LiveTranscriptSource(TextReader reader, LiveTranscriptOptions options, IClock clock, ILogger? logger = null)
        : this(() => reader ?? throw new ArgumentNullException(nameof(reader)), options, clock, logger)
    {
        ArgumentNullException.ThrowIfNull(reader);
    }

    private LiveTranscriptSource(Func<TextReader> open, LiveTranscriptOptions options, IClock clock, ILogger? logger)
    {
        _open = open;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// A source over stdin (<paramref name="path"/> "-" or "stdin") or a file/FIFO path, opened when the
    /// first run starts (opening a FIFO waits for its writer).
    /// </summary>
    public static LiveTranscriptSource ForPath(string path, LiveTranscriptOptions? options, IClock clock, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        bool stdin = path is "-" or "stdin";
        options = (options ?? new LiveTranscriptOptions()) with { Name = stdin ? "stdin" : path };
        return new LiveTranscriptSource(() => stdin ? Console.In : new StreamReader(path), options, clock, logger);
    }

    /// <inheritdoc />
    public string Id => _options.StreamId;

    /// <inheritdoc />
    public string Description => $"live transcript '{_options.Name}'";

    /// <summary>Malformed lines skipped so far.</summary>
    public int BadLines { get; private set; }

    /// <summary>Segments dropped because they started before the previous one.</summary>
    public int Regressions { get; private set; }

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<TranscriptSegment> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        TextReader reader = await OpenAsync(cancellationToken).ConfigureAwait(false);
        _origin ??= _options.MediaOriginMicros ?? _clock.NowMicros;
        while (true)
        {
            _pendingLine ??= reader.ReadLineAsync(CancellationToken.None).AsTask();
            string? text = await _pendingLine.WaitAsync(cancellationToken).ConfigureAwait(false);
            _pendingLine = null;
            if (text is null)
                return;
            _lineNumber++;
            if (text.Trim().Length == 0)
                continue;
            JsonTranscriptLine line;
            try
            {
                line = JsonLinesTranscriptParser.ParseLine(text, _options.Name, _lineNumber);
            }
            catch (TranscriptFormatException e)
            {
                if (_options.FailOnBadLine)
                    throw new SourceException(Description, e.Message, isTransient: false, e);
                BadLines++;
                _logger.LogWarning("{Source}: skipped {Error}", Description, e.Message);
                continue;
            }
            long now = _clock.NowMicros;
            long start = line.StartSeconds is { } s ? _origin.Value + Micros.FromSeconds(s) : now;
            long end = line.EndSeconds is { } e2 ? _origin.Value + Micros.FromSeconds(e2) : now;
            if (start < _lastStart)
            {
                Regressions++;
                _logger.LogWarning("{Source}:{Line}: segment starts at {Start} us, before the previous one ({Previous} us); dropped", Description, _lineNumber, start, _lastStart);
                continue;
            }
            _lastStart = start;
            await output.WriteAsync(new TranscriptSegment(Id, _nextSequence++, start, end, line.Text, line.Confidence, line.IsFinal), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TextReader> OpenAsync(CancellationToken ct)
    {
        // Opening a FIFO blocks until a writer appears: do it off the caller's thread, once.
        _reader ??= Task.Run(() =>
        {
            try
            {
                return _open();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SourceException(Description, $"cannot open: {e.Message}", isTransient: e is not FileNotFoundException and not DirectoryNotFoundException, e);
            }
        }, CancellationToken.None);
        try
        {
            return await _reader.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (SourceException)
        {
            _reader = null; // let a later run try again
            throw;
        }
    }
}
