using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Cli.Emotion;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Dashboard;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Cli.Tests.EmotionDashboard;

/// <summary>How emotion readings and run counters become dashboard records (one tile per video source).</summary>
public sealed class EmotionDashboardMappingTests
{
    internal static EmotionReading Reading(long endMicros, float valence, float smoothedValence, float[] expressions) =>
        new(endMicros - 2_000_000, endMicros, valence, 0.5f, smoothedValence, 0.25f, expressions, ModalityMask.Video | ModalityMask.Audio);

    [Fact]
    public void A_reading_becomes_the_smoothed_point_at_the_window_end_with_the_eight_named_expressions()
    {
        float[] probs = [0.05f, 0.1f, 0.05f, 0.05f, 0.62f, 0.03f, 0.05f, 0.05f];
        var emotion = EmotionDashboardMapping.ToEmotion("clip.mp4", Reading(7_500_000, valence: -0.8f, smoothedValence: -0.3f, probs));

        Assert.Equal(("clip.mp4", 7_500_000L, -0.3f, 0.25f), (emotion.Camera, emotion.TimestampMicros, emotion.Valence, emotion.Arousal));
        Assert.Equal(probs, emotion.Expressions);
        Assert.Equal(EmotionLabels.Expressions, emotion.ExpressionLabels);
        Assert.Equal("Happiness", emotion.ExpressionLabels![4]);
        Assert.Equal("Happiness 62%", EmotionDashboardMapping.TopLabel(Reading(7_500_000, 0, 0, probs)));
        Assert.Equal("Neutral 13%", EmotionDashboardMapping.TopLabel(Reading(1, 0, 0, [0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f, 0.125f])));
    }

    [Fact]
    public void The_feed_accepts_the_mapped_readings_in_order_and_keeps_the_expressions()
    {
        var feed = new DashboardFeed();
        float[] probs = [0.7f, 0.05f, 0.05f, 0.05f, 0.05f, 0.04f, 0.03f, 0.03f];
        Assert.True(feed.PublishEmotion(EmotionDashboardMapping.ToEmotion("cam", Reading(2_000_000, 0.4f, 0.1f, probs))));
        Assert.True(feed.PublishEmotion(EmotionDashboardMapping.ToEmotion("cam", Reading(2_500_000, 0.4f, 0.2f, probs))));

        var camera = Assert.Single(feed.GetSnapshot().Cameras);
        Assert.Equal([0.1f, 0.2f], camera.History.Select(p => p.Valence));
        Assert.Equal(0.7f, camera.Emotion!.Expressions![0]);
    }

    [Fact]
    public void Status_counts_the_video_sources_frames_and_drops_and_the_windows()
    {
        var clock = new ManualClock(1_000_000);
        var metrics = new MetricsRegistry(clock);
        var idle = EmotionDashboardMapping.ToStatus("clip.mp4", "/media/clip.mp4", null, metrics, windows: 0);
        Assert.Equal(("waiting", 0.0, 0L, "0 windows", DashboardProfile.Emotion), (idle.State, idle.FramesPerSecond, idle.DroppedFrames, idle.Message, idle.Profile));

        var video = metrics.GetOrAdd("clip.mp4");
        for (int i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            video.RecordIn();
        }
        video.RecordDropped(1);                       // a regression dropped at the source
        metrics.GetOrAdd("clip.mp4.out").RecordDropped(3);   // back-pressure on its channel
        metrics.GetOrAdd("windows").RecordDropped(2);
        metrics.GetOrAdd("other.wav").RecordDropped(50);     // not the tile's source

        var status = EmotionDashboardMapping.ToStatus("clip.mp4", "/media/clip.mp4", null, metrics, windows: 7);
        Assert.Equal("running", status.State);
        Assert.InRange(status.FramesPerSecond, 9, 11);
        Assert.Equal(4, status.DroppedFrames);
        Assert.Equal("7 windows, 2 windows dropped", status.Message);
        Assert.Equal("/media/clip.mp4", status.Source);

        var failed = EmotionDashboardMapping.ToStatus("clip.mp4", null, "failed", metrics, windows: 7, note: "decoder broke");
        Assert.Equal(("failed", "7 windows, 2 windows dropped · decoder broke"), (failed.State, failed.Message));
    }
}
