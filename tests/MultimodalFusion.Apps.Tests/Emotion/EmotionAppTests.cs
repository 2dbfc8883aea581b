using System.Text.Json;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Capture;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Emotion;

/// <summary>
/// The emotion monitor end to end on real media (Megamind.avi: an animated face in 265 of 270 frames; espeak speech for
/// its first 8.3 s; an SRT with two cues) and tiny real models whose outputs follow the presence masks
/// (<see cref="EmotionTestModels"/>).
/// </summary>
public sealed class EmotionAppTests : IDisposable
{
    private const long Second = 1_000_000;
    private readonly string _dir = RepoPaths.NewTempDir("mmf-emotion-app");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Video_audio_and_text_give_one_reading_per_window_with_files_and_summary()
    {
        string models = EmotionTestModels.Save(Path.Combine(_dir, "models"));
        var options = Options(models, [RepoPaths.Media("Megamind.avi"), RepoPaths.Media("demo-speech.wav"), RepoPaths.Media("demo.srt")]);
        var seen = new List<EmotionReading>();

        var result = await new EmotionApp(options, MonotonicClock.Instance).RunAsync(CancellationToken.None, onReading: seen.Add)
            .WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Sources));
        Assert.False(result.Interrupted);
        // 11.26 s of video, 2 s windows every 0.5 s: 19 windows end inside it, up to 4 more are flushed at its end.
        Assert.InRange(result.WindowsEmitted, 19, 23);
        Assert.Equal(result.WindowsEmitted, seen.Count);
        Assert.Equal(seen, result.Summary.Readings);
        Assert.Equal(3, result.Models.Count(m => m.StartsWith("va:") || m.StartsWith("expr:") || m.StartsWith("video:")));

        long origin = seen[0].StartMicros;
        foreach (var r in seen)
        {
            Assert.Equal(2 * Second, r.EndMicros - r.StartMicros);
            // A 0.5 s audio encoder every 0.5 s gives 4 rows in a window that audio covers (4 / 8).
            if (r.EndMicros - origin <= 8 * Second)
                Assert.Equal(0.5f, r.Arousal);
            Assert.Equal(r.Arousal > 0, r.Present.HasFlag(ModalityMask.Audio));
            Assert.Equal(r.Valence > 0, r.Present.HasFlag(ModalityMask.Video));
            // Text gives a row per cue that starts in the window (as in the feature cache): then Happiness wins.
            Assert.Equal(r.Present.HasFlag(ModalityMask.Text), r.Expressions[4] > EmotionTestModels.Expressions(0)[4] + 1e-4);
        }
        // Haar finds the face in 236 of 270 frames, in some frame of every 250 ms interval of the first 7 s: 8 rows.
        Assert.True(seen.Where(r => r.EndMicros - origin <= 7 * Second).All(r => r.Valence == 1f), $"{string.Join(", ", seen.Select(r => r.Valence))}; no face in {result.FramesWithoutFace} of {result.FramesExamined} frames examined");
        // Window [0.5 s, 2.5 s) holds the start of the first cue [1 s, 3.8 s) only: one text row -> Happiness at the model's probability.
        var inCue = seen.Single(r => r.StartMicros - origin == Second / 2);
        Assert.Equal("Happiness", inCue.TopExpression);
        Assert.Equal(EmotionTestModels.Expressions(1)[4], inCue.TopProbability, 5);

        // Time per expression: each window credited with its hop, so the sum is the session's length.
        var summary = result.Summary;
        TimeSpan perExpression = TimeSpan.Zero;
        for (int i = 0; i < EmotionLabels.Count; i++)
            perExpression += summary.TimeIn(i);
        Assert.Equal(summary.SessionLength, perExpression);
        Assert.Equal(TimeSpan.FromMicroseconds(seen[^1].EndMicros - origin), summary.SessionLength);
        Assert.True(summary.TimeIn("Happiness") > TimeSpan.Zero && summary.TimeIn("Neutral") > TimeSpan.Zero);

        string[] lines = File.ReadAllLines(result.ReadingsFile!);
        Assert.Equal(seen.Count, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            var root = first.RootElement;
            Assert.Equal(seen[0].StartMicros, root.GetProperty("start_us").GetInt64());
            Assert.Equal(seen[0].Valence, root.GetProperty("valence").GetSingle());
            Assert.Equal(seen[0].TopExpression, root.GetProperty("top").GetString());
            Assert.Equal(EmotionLabels.Count, root.GetProperty("expr").EnumerateObject().Count());
        }
        Assert.Contains($"{seen.Count} windows", File.ReadAllText(result.SummaryFile!));
        byte[] png = File.ReadAllBytes(result.PlotFile!);
        Assert.True(png.Length > 10_000, $"PNG of {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task Without_audio_and_text_their_masks_are_false_and_csv_says_so()
    {
        string models = EmotionTestModels.Save(Path.Combine(_dir, "models"));
        var options = Options(models, [RepoPaths.Media("Megamind.avi")]) with { Format = EmotionOutputFormat.Csv, Duration = TimeSpan.FromMinutes(2) };

        var result = await new EmotionApp(options, MonotonicClock.Instance).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(result.Succeeded, result.Error);
        Assert.InRange(result.Summary.WindowCount, 19, 23);
        Assert.All(result.Summary.Readings, r =>
        {
            Assert.Equal(0f, r.Arousal);
            Assert.Equal("Neutral", r.TopExpression);
            Assert.Equal(ModalityMask.None, r.Present & (ModalityMask.Audio | ModalityMask.Text));
        });
        Assert.Equal(result.Summary.WindowCount, result.Summary.MissingCount(ModalityMask.Audio));
        Assert.Equal(result.Summary.WindowCount, result.Summary.MissingCount(ModalityMask.Text));
        string[] lines = File.ReadAllLines(result.ReadingsFile!);
        Assert.Equal(EmotionOutputWriter.CsvHeader, lines[0]);
        Assert.Equal(result.Summary.WindowCount + 1, lines.Length);
        Assert.All(lines.Skip(1).Zip(result.Summary.Readings), pair =>
            Assert.Equal([pair.Second.Valence > 0 ? "1" : "0", "0", "0"], pair.First.Split(',')[8..11]));
    }

    [Fact]
    public async Task One_model_with_both_outputs_runs_alone_and_a_broken_audio_source_is_named_while_video_goes_on()
    {
        string models = EmotionTestModels.Save(Path.Combine(_dir, "models"), combined: true, text: false);
        string broken = Path.Combine(_dir, "broken.wav");
        File.WriteAllBytes(broken, Enumerable.Range(0, 4096).Select(i => (byte)(i * 37)).ToArray());
        var options = Options(models, [RepoPaths.Media("Megamind.avi"), broken]);

        var result = await new EmotionApp(options, MonotonicClock.Instance).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.False(result.Succeeded);
        var failed = Assert.Single(result.Sources, s => s.Failed);
        Assert.Contains("broken.wav", failed.ToString());
        Assert.Single(result.Models, m => m.StartsWith("va: emotion-fusion"));
        Assert.Single(result.Models, m => m.StartsWith("expr: emotion-fusion"));
        Assert.InRange(result.Summary.WindowCount, 19, 23);
        Assert.All(result.Summary.Readings, r => Assert.Equal(0f, r.Arousal));
        Assert.Contains(result.Summary.Readings, r => r.Valence == 1f);
    }

    [Fact]
    public async Task Cancellation_stops_a_realtime_run_early_and_still_writes_the_summary()
    {
        string models = EmotionTestModels.Save(Path.Combine(_dir, "models"), text: false);
        var options = Options(models, [RepoPaths.Media("Megamind.avi"), RepoPaths.Media("demo-speech.wav")]) with { Realtime = true };
        using var stop = new CancellationTokenSource();

        var result = await new EmotionApp(options, MonotonicClock.Instance)
            .RunAsync(stop.Token, onReading: r => { if (r.EndMicros - r.StartMicros > 0) stop.Cancel(); })
            .WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(result.Interrupted);
        Assert.True(result.Succeeded, result.Error ?? string.Join("; ", result.Sources));
        Assert.InRange(result.Summary.WindowCount, 1, 18);
        Assert.True(File.Exists(result.SummaryFile));
        Assert.True(File.Exists(result.PlotFile));
    }

    private EmotionAppOptions Options(string models, IEnumerable<string> sources) => new()
    {
        Sources = sources.Select(SourceSpec.Parse).ToList(),
        ModelsDirectory = models,
        OutputDirectory = Path.Combine(_dir, "out"),
    };
}
