using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>Writes one line per emotion window as JSONL or CSV, flushed per line.</summary>
/// <remarks>
/// Numbers use the invariant culture (round-trip floats), times are int64 microseconds on the data-path clock.
/// Every line is flushed as it is written, so a killed process loses at most the line being written.
/// JSONL keys: <c>start_us, end_us, valence, arousal, valence_smoothed, arousal_smoothed, top, top_p,
/// present</c> (array of "video"/"audio"/"text") and <c>expr</c> (object: expression name to probability).
/// CSV columns: see <see cref="CsvHeader"/>; the presence columns hold 1 or 0. Not thread-safe.
/// </remarks>
public sealed class EmotionOutputWriter : IDisposable
{
    /// <summary>The CSV header line; its column order is fixed (new columns are only ever appended).</summary>
    public const string CsvHeader =
        "start_us,end_us,valence,arousal,valence_smoothed,arousal_smoothed,top,top_p,video,audio,text," +
        "p_neutral,p_anger,p_disgust,p_fear,p_happiness,p_sadness,p_surprise,p_other";

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly ArrayBufferWriter<byte> _json = new(512);

    /// <summary>Writes to <paramref name="writer"/>; the CSV header is written at once.</summary>
    /// <param name="writer">Destination; disposed with this writer only when <paramref name="ownsWriter"/> is true.</param>
    /// <param name="format">Line format.</param>
    /// <param name="ownsWriter">Whether <see cref="Dispose"/> disposes <paramref name="writer"/>.</param>
    public EmotionOutputWriter(TextWriter writer, EmotionOutputFormat format, bool ownsWriter = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _ownsWriter = ownsWriter;
        Format = format;
        if (format == EmotionOutputFormat.Csv) WriteLine(CsvHeader);
    }

    /// <summary>Line format.</summary>
    public EmotionOutputFormat Format { get; }

    /// <summary>Windows written so far.</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Creates (or truncates) <paramref name="path"/>; the format follows the extension (.jsonl/.ndjson or .csv).</summary>
    /// <exception cref="ArgumentException">The extension is neither; the message names the path.</exception>
    /// <exception cref="IOException">The file cannot be created; the message names it.</exception>
    public static EmotionOutputWriter Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => EmotionOutputFormat.Jsonl,
            ".csv" => EmotionOutputFormat.Csv,
            _ => throw new ArgumentException($"emotion output '{path}': use a .jsonl, .ndjson or .csv file name", nameof(path)),
        };
        try
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var stream = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return new EmotionOutputWriter(stream, format, ownsWriter: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create emotion output '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Writes one window's line and flushes it.</summary>
    public void Write(EmotionReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        WriteLine(Format == EmotionOutputFormat.Csv ? CsvLine(reading) : JsonLine(reading));
        LinesWritten++;
    }

    private void WriteLine(string line)
    {
        _writer.Write(line);
        _writer.Write('\n');
        _writer.Flush();
    }

    private static string CsvLine(EmotionReading r)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(256);
        sb.Append(c, $"{r.StartMicros},{r.EndMicros},{r.Valence:R},{r.Arousal:R},{r.SmoothedValence:R},{r.SmoothedArousal:R},");
        sb.Append(c, $"{r.TopExpression},{r.TopProbability:R},{Bit(r.Present, ModalityMask.Video)},{Bit(r.Present, ModalityMask.Audio)},{Bit(r.Present, ModalityMask.Text)}");
        foreach (float p in r.Expressions) sb.Append(c, $",{p:R}");
        return sb.ToString();
    }

    private static int Bit(ModalityMask present, ModalityMask one) => (present & one) != 0 ? 1 : 0;

    private string JsonLine(EmotionReading r)
    {
        _json.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_json))
        {
            json.WriteStartObject();
            json.WriteNumber("start_us", r.StartMicros);
            json.WriteNumber("end_us", r.EndMicros);
            json.WriteNumber("valence", r.Valence);
            json.WriteNumber("arousal", r.Arousal);
            json.WriteNumber("valence_smoothed", r.SmoothedValence);
            json.WriteNumber("arousal_smoothed", r.SmoothedArousal);
            json.WriteString("top", r.TopExpression);
            json.WriteNumber("top_p", r.TopProbability);
            json.WriteStartArray("present");
            if ((r.Present & ModalityMask.Video) != 0) json.WriteStringValue("video");
            if ((r.Present & ModalityMask.Audio) != 0) json.WriteStringValue("audio");
            if ((r.Present & ModalityMask.Text) != 0) json.WriteStringValue("text");
            json.WriteEndArray();
            json.WriteStartObject("expr");
            for (int i = 0; i < EmotionLabels.Count; i++) json.WriteNumber(EmotionLabels.Expressions[i], r.Expressions[i]);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(_json.WrittenSpan);
    }

    /// <summary>Flushes and, when owned, closes the underlying writer.</summary>
    public void Dispose()
    {
        _writer.Flush();
        if (_ownsWriter) _writer.Dispose();
    }
}
