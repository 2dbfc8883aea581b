using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;

namespace MultimodalFusion.Capture.Text;

/// <summary>Live speech to text: cuts audio chunks into utterances (energy VAD), decodes each and emits a final segment.</summary>
/// <remarks>
/// <para>Reads <see cref="AudioChunk"/>s (16 kHz mono) from a channel that the caller tees audio into,
/// and disposes each chunk after reading it (the reader owns what it takes from a channel). Each
/// segment covers exactly the utterance's samples, <c>[first sample, last sample + 1)</c>, on the audio's
/// clock; confidence is the recognizer's. Empty results are not emitted.</para>
/// <para>The run ends when the audio channel completes (the open utterance is decoded first) or on
/// cancellation. The source takes ownership of the recognizer and disposes it in <see cref="Dispose"/>.</para>
/// </remarks>
public sealed class AsrTranscriptSource : IPacketSource<TranscriptSegment>, IDisposable
{
    private readonly ChannelReader<AudioChunk> _audio;
    private readonly ISpeechRecognizer _recognizer;
    private readonly AsrOptions _options;
    private readonly ILogger _logger;
    private long _nextSequence;

    /// <summary>Creates the source over <paramref name="audio"/>; it owns <paramref name="recognizer"/> from now on.</summary>
    public AsrTranscriptSource(ChannelReader<AudioChunk> audio, ISpeechRecognizer recognizer, AsrOptions options, ILogger? logger = null)
    {
        _audio = audio ?? throw new ArgumentNullException(nameof(audio));
        _recognizer = recognizer ?? throw new ArgumentNullException(nameof(recognizer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Id => _options.StreamId;

    /// <inheritdoc />
    public string Description => $"asr:{_recognizer.Name}";

    /// <summary>Utterances decoded so far (including those that gave no text).</summary>
    public long UtterancesDecoded { get; private set; }

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<TranscriptSegment> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var vad = new UtteranceSegmenter(_options.Vad);
        var utterances = new List<Utterance>();
        await foreach (var chunk in _audio.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                vad.Process(chunk, utterances);
            }
            catch (ArgumentException e)
            {
                throw new SourceException(Description, e.Message, isTransient: false, e);
            }
            finally
            {
                chunk.Dispose();
            }
            foreach (var utterance in utterances)
                await DecodeAsync(utterance, output, cancellationToken).ConfigureAwait(false);
            utterances.Clear();
        }
        if (vad.Flush() is { } last)
            await DecodeAsync(last, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the recognizer (its native decoder and model).</summary>
    public void Dispose() => _recognizer.Dispose();

    private async Task DecodeAsync(Utterance utterance, ChannelWriter<TranscriptSegment> output, CancellationToken ct)
    {
        RecognitionResult result = await _recognizer.RecognizeAsync(utterance.Samples, ct).ConfigureAwait(false);
        UtterancesDecoded++;
        _logger.LogDebug("{Source}: [{Start}, {End}) us -> '{Text}' ({Confidence:0.00})", Description, utterance.StartMicros, utterance.EndMicros, result.Text, result.Confidence);
        if (result.Text.Length == 0 || result.Confidence < _options.MinConfidence)
            return;
        var segment = new TranscriptSegment(Id, _nextSequence++, utterance.StartMicros, utterance.EndMicros, result.Text, result.Confidence, IsFinal: true);
        await output.WriteAsync(segment, ct).ConfigureAwait(false);
    }
}
