using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Dashboard.Tests.Support;

/// <summary>
/// A plausible dashboard for the README screenshot: an emotion camera with five minutes of valence/arousal and
/// expressions, and a violence camera with ended and open alerts whose snapshot and clip exist under the clips root.
/// </summary>
internal static class DemoData
{
    public const string EmotionCamera = "lobby";
    public const string ViolenceCamera = "gate";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 45, 0, TimeSpan.Zero);

    public static async Task PublishAsync(DashboardFeed feed, string clipsRoot)
    {
        feed.PublishStatus(new DashboardCameraStatus(EmotionCamera, DashboardProfile.Emotion, "running", 8.0, 0, "/dev/video0"));
        feed.PublishStatus(new DashboardCameraStatus(ViolenceCamera, DashboardProfile.Violence, "running", 9.8, 12,
            "rtsp://admin:secret@192.168.1.20/stream1"));
        feed.PublishFrame(EmotionCamera, await TestJpeg.FrameAsync("Megamind.avi", TimeSpan.FromSeconds(4)), Micros.FromSeconds(300));
        byte[] gate = await TestJpeg.FrameAsync("vtest.avi", TimeSpan.FromSeconds(20));
        feed.PublishFrame(ViolenceCamera, gate, Micros.FromSeconds(300));

        // Five minutes at a 0.5 s hop: slow mood drifts plus deterministic jitter, as a fusion model's output looks.
        var random = new Random(7);
        for (int i = 0; i <= 600; i++)
        {
            double t = i * 0.5;
            float valence = (float)(0.35 * Math.Sin(2 * Math.PI * t / 95) + 0.18 * Math.Sin(2 * Math.PI * t / 23) + 0.06 * (random.NextDouble() - 0.5) + 0.1);
            float arousal = (float)(0.3 * Math.Cos(2 * Math.PI * t / 70) + 0.1 * Math.Sin(2 * Math.PI * t / 11) + 0.06 * (random.NextDouble() - 0.5));
            float[]? expressions = i == 600 ? [0.16f, 0.02f, 0.01f, 0.03f, 0.61f, 0.04f, 0.09f, 0.04f] : null;
            feed.PublishEmotion(new DashboardEmotion(EmotionCamera, Micros.FromSeconds(t), valence, arousal, expressions));
        }

        string dir = Path.Combine(clipsRoot, "clips", ViolenceCamera);
        Directory.CreateDirectory(dir);
        var alerts = new[]
        {
            Ended("evt_01JDQ3A", Now.AddMinutes(-31), TimeSpan.FromSeconds(14), 0.91),
            Ended("evt_01JDQ7K", Now.AddMinutes(-12), TimeSpan.FromSeconds(9), 0.84),
            new DashboardAlert("evt_01JDQ9Z", ViolenceCamera, "violence", DashboardAlertState.Update, Now.AddSeconds(-6), null, 0.88,
                $"clips/{ViolenceCamera}/evt_01JDQ9Z.mp4", $"clips/{ViolenceCamera}/evt_01JDQ9Z.jpg"),
        };
        foreach (var alert in alerts)
        {
            await File.WriteAllBytesAsync(Path.Combine(clipsRoot, alert.Snapshot!), gate);
            feed.PublishAlert(alert);
        }
    }

    private static DashboardAlert Ended(string id, DateTimeOffset start, TimeSpan length, double peak) =>
        new(id, ViolenceCamera, "violence", DashboardAlertState.End, start, start + length, peak,
            $"clips/{ViolenceCamera}/{id}.mp4", $"clips/{ViolenceCamera}/{id}.jpg");
}
