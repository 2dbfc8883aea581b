using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Dashboard.Tests;

public sealed class DashboardFeedTests
{
    private static DashboardAlert Alert(string id, int startSecond, DashboardAlertState state = DashboardAlertState.Start) =>
        new(id, "gate", "violence", state, new DateTimeOffset(2026, 11, 24, 20, 41, startSecond, TimeSpan.Zero),
            state == DashboardAlertState.End ? new DateTimeOffset(2026, 11, 24, 20, 42, 0, TimeSpan.Zero) : null, 0.9);

    [Fact]
    public void History_keeps_only_the_configured_window_per_camera()
    {
        var feed = new DashboardFeed(new DashboardOptions { History = TimeSpan.FromSeconds(10) });
        for (int s = 0; s <= 20; s++)
            Assert.True(feed.PublishEmotion(new DashboardEmotion("lobby", Micros.FromSeconds(s), s / 20f, -s / 20f)));
        feed.PublishEmotion(new DashboardEmotion("hall", Micros.FromSeconds(3), 0.1f, 0.2f));

        var snapshot = feed.GetSnapshot();
        var lobby = Assert.Single(snapshot.Cameras, c => c.Camera == "lobby");
        Assert.Equal(11, lobby.History.Count);
        Assert.Equal(Micros.FromSeconds(10), lobby.History[0].TimestampMicros);
        Assert.Equal(Micros.FromSeconds(20), lobby.History[^1].TimestampMicros);
        Assert.Equal(1f, lobby.Emotion!.Valence);
        Assert.Single(snapshot.Cameras, c => c.Camera == "hall").History.Single();
        Assert.Equal(["lobby", "hall"], snapshot.Cameras.Select(c => c.Camera));
        Assert.Equal(10, snapshot.HistorySeconds);
    }

    [Fact]
    public void Emotion_older_than_the_last_point_is_refused_and_not_stored()
    {
        var feed = new DashboardFeed();
        Assert.True(feed.PublishEmotion(new DashboardEmotion("lobby", 2_000_000, 0.5f, 0.5f)));
        Assert.False(feed.PublishEmotion(new DashboardEmotion("lobby", 1_000_000, -0.5f, -0.5f)));
        var lobby = feed.GetSnapshot().Cameras.Single();
        Assert.Single(lobby.History);
        Assert.Equal(0.5f, lobby.Emotion!.Valence);
    }

    [Fact]
    public void Emotion_expressions_are_copied_and_labelled_with_the_default_eight()
    {
        var feed = new DashboardFeed();
        float[] probs = [0.05f, 0.05f, 0.05f, 0.05f, 0.6f, 0.1f, 0.05f, 0.05f];
        feed.PublishEmotion(new DashboardEmotion("lobby", 1, 0.3f, 0.2f, probs));
        probs[4] = 0;
        var emotion = feed.GetSnapshot().Cameras.Single().Emotion!;
        Assert.Equal(0.6f, emotion.Expressions![4]);
        Assert.Equal("Happiness", emotion.ExpressionLabels![4]);
    }

    [Fact]
    public void Bad_emotions_are_refused_with_the_camera_named()
    {
        var feed = new DashboardFeed();
        var mismatch = Assert.Throws<ArgumentException>(() => feed.PublishEmotion(new DashboardEmotion("lobby", 1, 0, 0, [0.5f, 0.5f], ["a"])));
        Assert.Contains("lobby", mismatch.Message);
        Assert.Contains("2 expression probabilities but 1 labels", mismatch.Message);
        Assert.Throws<ArgumentException>(() => feed.PublishEmotion(new DashboardEmotion("lobby", 1, float.NaN, 0)));
        Assert.Throws<ArgumentException>(() => feed.PublishEmotion(new DashboardEmotion(" ", 1, 0, 0)));
        Assert.Empty(feed.GetSnapshot().Cameras);
    }

    [Fact]
    public void Alerts_are_replaced_by_id_ordered_newest_first_and_bounded()
    {
        var feed = new DashboardFeed(new DashboardOptions { MaxAlerts = 3 });
        for (int i = 1; i <= 5; i++)
            feed.PublishAlert(Alert($"evt_{i}", i));
        feed.PublishAlert(Alert("evt_4", 4, DashboardAlertState.End));

        var alerts = feed.GetSnapshot().Alerts;
        Assert.Equal(["evt_5", "evt_4", "evt_3"], alerts.Select(a => a.Id));
        Assert.Equal(DashboardAlertState.End, alerts[1].State);
        Assert.NotNull(alerts[1].End);
    }

    [Fact]
    public void Frames_are_copied_and_counted()
    {
        var feed = new DashboardFeed();
        byte[] jpeg = [0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9];
        feed.PublishFrame("gate", jpeg, 100);
        jpeg[2] = 99;
        feed.PublishFrame("gate", new byte[] { 0xFF, 0xD8, 7, 0xFF, 0xD9 }, 200);
        feed.PublishFrame("lobby", new byte[] { 0xFF, 0xD8, 8, 0xFF, 0xD9 }, 150);

        Assert.True(feed.TryGetFrame("gate", out var frame));
        Assert.Equal(2, frame.Sequence);
        Assert.Equal(200, frame.TimestampMicros);
        Assert.Equal(7, frame.Jpeg.Span[2]);
        Assert.False(feed.TryGetFrame("nope", out _));
        Assert.Equal(2, feed.GetSnapshot().Cameras.Single(c => c.Camera == "gate").Frame!.Sequence);

        var first = new DashboardFeed();
        byte[] original = [0xFF, 0xD8, 1, 0xFF, 0xD9];
        first.PublishFrame("gate", original, 1);
        original[2] = 42;
        first.TryGetFrame("gate", out var kept);
        Assert.Equal(1, kept.Jpeg.Span[2]);
    }

    [Fact]
    public void Status_source_and_message_are_redacted()
    {
        var feed = new DashboardFeed();
        feed.PublishStatus(new DashboardCameraStatus("gate", DashboardProfile.Violence, "reconnecting", 0, 3,
            "rtsp://admin:hunter2@10.0.0.5/stream1", "timeout on rtsp://admin:hunter2@10.0.0.5/stream1"));
        var status = feed.GetSnapshot().Cameras.Single().Status!;
        Assert.DoesNotContain("hunter2", status.Source);
        Assert.DoesNotContain("hunter2", status.Message);
        Assert.Contains("10.0.0.5/stream1", status.Source);
        Assert.Equal(3, status.DroppedFrames);
    }

    [Fact]
    public async Task Subscribers_get_changes_in_order_drop_the_oldest_when_behind_and_complete_on_dispose()
    {
        var feed = new DashboardFeed();
        var subscription = feed.Subscribe(capacity: 2);
        Assert.Equal(1, feed.SubscriberCount);
        for (int i = 1; i <= 3; i++)
            feed.PublishStatus(new DashboardCameraStatus($"cam{i}", DashboardProfile.Emotion, "running", 10, 0));

        Assert.True(subscription.Changes.TryRead(out var a));
        Assert.True(subscription.Changes.TryRead(out var b));
        Assert.Equal(["cam2", "cam3"], new[] { a!.Camera, b!.Camera });
        Assert.Equal(DashboardChangeKind.Status, a.Kind);
        Assert.IsType<DashboardCameraStatus>(a.Data);
        Assert.Equal(1, subscription.Dropped);

        subscription.Dispose();
        Assert.Equal(0, feed.SubscriberCount);
        feed.PublishStatus(new DashboardCameraStatus("cam4", DashboardProfile.Emotion, "running", 10, 0));
        Assert.False(await subscription.Changes.WaitToReadAsync());
    }
}
