using System.Globalization;
using System.Text.Json;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Emotion;

public sealed class EmotionOutputWriterTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDir("mmf-emotion-out");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Jsonl_lines_parse_back_to_the_readings_and_are_on_disk_before_dispose()
    {
        var readings = TestReadings.Spiral(7);
        string path = Path.Combine(_root, "session.jsonl");
        using (var writer = EmotionOutputWriter.Open(path))
        {
            foreach (var r in readings) writer.Write(r);
            // Flushed per line: another reader sees every line while the writer is still open.
            using var peek = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            Assert.Equal(7, peek.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(readings.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var o = doc.RootElement;
            var r = readings[i];
            Assert.Equal(r.StartMicros, o.GetProperty("start_us").GetInt64());
            Assert.Equal(r.EndMicros, o.GetProperty("end_us").GetInt64());
            Assert.Equal(r.Valence, o.GetProperty("valence").GetSingle());
            Assert.Equal(r.SmoothedArousal, o.GetProperty("arousal_smoothed").GetSingle());
            Assert.Equal(r.TopExpression, o.GetProperty("top").GetString());
            Assert.Equal(r.Expressions[r.TopIndex], o.GetProperty("expr").GetProperty(r.TopExpression).GetSingle());
            var present = o.GetProperty("present").EnumerateArray().Select(e => e.GetString()).ToArray();
            Assert.Equal(r.Present == ModalityMask.All ? ["video", "audio", "text"] : new[] { "video", "audio" }, present);
        }
    }

    [Fact]
    public void Csv_has_the_fixed_header_and_round_trips_under_a_comma_decimal_culture()
    {
        var readings = TestReadings.Spiral(5);
        var saved = CultureInfo.CurrentCulture;
        var text = new StringWriter();
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            using var writer = new EmotionOutputWriter(text, EmotionOutputFormat.Csv);
            foreach (var r in readings) writer.Write(r);
            Assert.Equal(5, writer.LinesWritten);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(EmotionOutputWriter.CsvHeader, lines[0]);
        string[] header = lines[0].Split(',');
        Assert.Equal(19, header.Length);
        for (int i = 0; i < readings.Count; i++)
        {
            string[] f = lines[i + 1].Split(',');
            Assert.Equal(header.Length, f.Length);
            var r = readings[i];
            float F(string column) => float.Parse(f[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
            Assert.Equal(r.StartMicros, long.Parse(f[0], CultureInfo.InvariantCulture));
            Assert.Equal(r.Valence, F("valence"));
            Assert.Equal(r.SmoothedValence, F("valence_smoothed"));
            Assert.Equal(r.Arousal, F("arousal"));
            Assert.Equal(r.TopExpression, f[Array.IndexOf(header, "top")]);
            Assert.Equal(r.Expressions[4], F("p_happiness"));
            Assert.Equal((r.Present & ModalityMask.Text) != 0 ? 1 : 0, (int)F("text"));
        }
    }

    [Fact]
    public void An_unknown_extension_is_refused_with_the_path()
    {
        var ex = Assert.Throws<ArgumentException>(() => EmotionOutputWriter.Open(Path.Combine(_root, "session.txt")));
        Assert.Contains("session.txt", ex.Message);
    }
}
