using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.TestSupport;
using OpenCvSharp;
using static MultimodalFusion.Apps.Tests.Emotion.TestReadings;

namespace MultimodalFusion.Apps.Tests.Emotion;

public sealed class EmotionSessionSummaryTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDir("mmf-emotion");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Overlapping_windows_credit_their_hop_so_expression_times_add_up_to_the_session()
    {
        var summary = new EmotionSessionSummary();
        for (int i = 0; i < 10; i++)
        {
            long start = i * Second / 2;
            summary.Add(Make(start, start + 2 * Second, i < 4 ? 4 : 5, valence: i / 10f - 0.3f, arousal: 0.5f - i / 20f,
                present: i % 2 == 0 ? ModalityMask.All : ModalityMask.Video));
        }
        Assert.Equal(TimeSpan.FromSeconds(6.5), summary.SessionLength);
        Assert.Equal(summary.SessionLength, summary.CoveredTime);
        Assert.Equal(TimeSpan.FromSeconds(3.5), summary.TimeIn("Happiness")); // 2 s first window + 3 hops of 0.5 s
        Assert.Equal(TimeSpan.FromSeconds(3), summary.TimeIn(5));
        Assert.Equal(TimeSpan.Zero, summary.TimeIn("Neutral"));
        Assert.Equal(0.15, summary.MeanValence, 5);
        Assert.Equal((-0.3f, 0.6f), (summary.MinValence, summary.MaxValence), new ToleranceComparer());
        Assert.Equal((0.05f, 0.5f), (summary.MinArousal, summary.MaxArousal), new ToleranceComparer());
        Assert.Equal((0, 5, 5), (summary.MissingCount(ModalityMask.Video), summary.MissingCount(ModalityMask.Audio), summary.MissingCount(ModalityMask.Text)));

        var text = new StringWriter();
        summary.WriteText(text);
        Assert.Contains("10 windows", text.ToString());
        Assert.Contains("Happiness  00:00:03.5   53.8%", text.ToString());
        Assert.Contains("missing video: 0, audio: 5, text: 5", text.ToString());
    }

    [Fact]
    public void A_gap_between_windows_is_credited_to_no_expression()
    {
        var summary = new EmotionSessionSummary();
        summary.Add(Make(0, 2 * Second, 1, 0, 0));
        summary.Add(Make(1 * Second, 3 * Second, 1, 0, 0));
        summary.Add(Make(10 * Second, 12 * Second, 6, 0, 0));
        Assert.Equal(TimeSpan.FromSeconds(12), summary.SessionLength);
        Assert.Equal(TimeSpan.FromSeconds(5), summary.CoveredTime);
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)), (summary.TimeIn("Anger"), summary.TimeIn("Surprise")));
        Assert.Throws<ArgumentException>(() => summary.Add(Make(0, 11 * Second, 1, 0, 0)));
        Assert.Throws<ArgumentException>(() => summary.TimeIn("Joy"));
    }

    [Fact]
    public void Trajectory_png_decodes_at_the_requested_size_and_is_not_blank()
    {
        var summary = new EmotionSessionSummary();
        foreach (var r in Spiral(60)) summary.Add(r);
        string path = Path.Combine(_root, "out", "trajectory.png");
        summary.SaveTrajectoryPng(path, 640, 900);

        Assert.True(File.Exists(path));
        using var image = Cv2.ImRead(path, ImreadModes.Color);
        Assert.False(image.Empty(), $"OpenCV could not decode {path}");
        Assert.Equal((640, 900), (image.Width, image.Height));
        using var gray = image.CvtColor(ColorConversionCodes.BGR2GRAY);
        Cv2.MeanStdDev(gray, out _, out var stddev);
        Assert.True(stddev.Val0 > 10, $"image looks blank: grey stddev {stddev.Val0:F1}");
        // Time colouring: the plot holds strongly coloured (not grey) pixels.
        using var hsv = image.CvtColor(ColorConversionCodes.BGR2HSV);
        using var saturated = new Mat();
        Cv2.InRange(hsv, new Scalar(0, 120, 60), new Scalar(180, 255, 255), saturated);
        Assert.True(Cv2.CountNonZero(saturated) > 500, $"only {Cv2.CountNonZero(saturated)} coloured pixels");
        // The VA plane (top half) holds the time-coloured trajectory, not an empty plot.
        using var top = new Mat(saturated, new Rect(0, 0, image.Width, image.Height / 2));
        Assert.True(Cv2.CountNonZero(top) > 300, $"only {Cv2.CountNonZero(top)} coloured pixels in the VA plane");
    }

    [Fact]
    public void Plotting_an_empty_session_names_the_file()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new EmotionSessionSummary().SaveTrajectoryPng(Path.Combine(_root, "x.png")));
        Assert.Contains("x.png", ex.Message);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(float, float)>
    {
        public bool Equals((float, float) x, (float, float) y) => Math.Abs(x.Item1 - y.Item1) < 1e-5 && Math.Abs(x.Item2 - y.Item2) < 1e-5;
        public int GetHashCode((float, float) obj) => 0;
    }
}
