using System.Text.Json;
using MultimodalFusion.Dashboard.Tests.Support;

namespace MultimodalFusion.Dashboard.Tests.Http;

public sealed class EventStreamTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stream_starts_with_a_snapshot_then_delivers_a_published_alert_and_emotion()
    {
        const string token = "sse-token-31";
        await using var dash = await TestDashboard.StartAsync(token);
        dash.Feed.PublishStatus(new DashboardCameraStatus("gate", DashboardProfile.Violence, "running", 10, 0));
        using var client = dash.Client(bearer: token);
        using var events = await SseReader.OpenAsync(client);

        string snapshot = await events.WaitForAsync("snapshot", "\"gate\"", s_timeout);
        Assert.Equal("violence", JsonDocument.Parse(snapshot).RootElement.GetProperty("cameras")[0].GetProperty("status").GetProperty("profile").GetString());

        dash.Feed.PublishAlert(new DashboardAlert("evt_sse_1", "gate", "violence", DashboardAlertState.Start, DateTimeOffset.UtcNow, null, 0.87,
            "clips/gate/evt_sse_1.mp4", "clips/gate/evt_sse_1.jpg"));
        var alert = JsonDocument.Parse(await events.WaitForAsync("alert", "evt_sse_1", s_timeout)).RootElement;
        Assert.Equal("start", alert.GetProperty("state").GetString());
        Assert.Equal(0.87, alert.GetProperty("peakScore").GetDouble(), 6);
        Assert.Equal("clips/gate/evt_sse_1.jpg", alert.GetProperty("snapshot").GetString());

        dash.Feed.PublishEmotion(new DashboardEmotion("lobby", 1_000_000, -0.375f, 0.5f));
        var emotion = JsonDocument.Parse(await events.WaitForAsync("emotion", "lobby", s_timeout)).RootElement;
        Assert.Equal(-0.375, emotion.GetProperty("valence").GetDouble(), 6);
    }

    [Fact]
    public async Task Frames_arrive_in_order_with_the_newest_before_later_changes()
    {
        await using var dash = await TestDashboard.StartAsync();
        using var client = dash.Client();
        using var events = await SseReader.OpenAsync(client);
        await events.WaitForAsync("snapshot", "cameras", s_timeout);

        for (int i = 1; i <= 50; i++)
            dash.Feed.PublishFrame("gate", new byte[] { 0xFF, 0xD8, (byte)i, 0xFF, 0xD9 }, i);
        dash.Feed.PublishStatus(new DashboardCameraStatus("gate", DashboardProfile.Violence, "running", 10, 0)); // marks the end

        var sequences = new List<long>();
        using var cts = new CancellationTokenSource(s_timeout);
        while (await events.NextAsync(cts.Token) is { } e && e.Name != "status")
        {
            Assert.Equal("frame", e.Name);
            sequences.Add(JsonDocument.Parse(e.Data).RootElement.GetProperty("sequence").GetInt64());
        }
        // However far behind the reader was, the newest frame arrives, before the status published after it, in order.
        Assert.NotEmpty(sequences);
        Assert.Equal(50, sequences[^1]);
        Assert.Equal(sequences.Distinct().Order(), sequences);
    }
}
