using System.Net;
using System.Text.Json;
using MultimodalFusion.Dashboard.Tests.Support;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Dashboard.Tests.Http;

public sealed class ServerEndpointTests
{
    [Fact]
    public async Task Page_and_its_files_are_served_from_the_assembly_with_a_strict_policy()
    {
        await using var dash = await TestDashboard.StartAsync();
        using var client = dash.Client();
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>MultimodalFusion dashboard</title>", html);
        Assert.Contains("src=\"/dashboard.js\"", html);
        Assert.DoesNotContain("https://", html); // no CDN
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());

        using var js = await client.GetAsync("/dashboard.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        Assert.Contains("new EventSource(\"/api/events\")", await js.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard.css")).StatusCode);

        dash.Feed.PublishStatus(new DashboardCameraStatus("gate", DashboardProfile.Violence, "running", 10, 0));
        using var initial = await client.GetAsync("/api/state.js");
        Assert.Equal("text/javascript", initial.Content.Headers.ContentType!.MediaType);
        string script = await initial.Content.ReadAsStringAsync();
        Assert.StartsWith("window.mmfInitialState = {\"cameras\":[{\"camera\":\"gate\"", script);
        Assert.EndsWith(";\n", script);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nothing.html")).StatusCode);
    }

    [Fact]
    public async Task State_is_a_json_snapshot_of_the_feed()
    {
        await using var dash = await TestDashboard.StartAsync();
        dash.Feed.PublishStatus(new DashboardCameraStatus("lobby", DashboardProfile.Emotion, "running", 9.5, 2));
        dash.Feed.PublishEmotion(new DashboardEmotion("lobby", 5_000_000, 0.25f, -0.5f, [0.1f, 0, 0, 0, 0.9f, 0, 0, 0]));
        dash.Feed.PublishAlert(new DashboardAlert("evt_7", "gate", "violence", DashboardAlertState.Start,
            new DateTimeOffset(2026, 11, 24, 20, 41, 7, 250, TimeSpan.Zero), null, 0.93, "clips/gate/evt_7.mp4"));
        using var client = dash.Client();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/state"));
        var cameras = json.RootElement.GetProperty("cameras");
        Assert.Equal(2, cameras.GetArrayLength());
        var lobby = cameras[0];
        Assert.Equal("lobby", lobby.GetProperty("camera").GetString());
        Assert.Equal("emotion", lobby.GetProperty("status").GetProperty("profile").GetString());
        Assert.Equal(0.25, lobby.GetProperty("emotion").GetProperty("valence").GetDouble(), 6);
        Assert.Equal("Happiness", lobby.GetProperty("emotion").GetProperty("expressionLabels")[4].GetString());
        Assert.Equal(5_000_000, lobby.GetProperty("history")[0].GetProperty("timestampMicros").GetInt64());
        var alert = json.RootElement.GetProperty("alerts")[0];
        Assert.Equal("evt_7", alert.GetProperty("id").GetString());
        Assert.Equal("start", alert.GetProperty("state").GetString());
        Assert.Equal(0.93, alert.GetProperty("peakScore").GetDouble(), 6);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 20, 41, 7, 250, TimeSpan.Zero), alert.GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task Frames_endpoint_returns_the_latest_jpeg_of_a_camera()
    {
        await using var dash = await TestDashboard.StartAsync();
        byte[] jpeg = await File.ReadAllBytesAsync(RepoPaths.Media("messi5.jpg"));
        dash.Feed.PublishFrame("front door", new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, 1);
        dash.Feed.PublishFrame("front door", jpeg, 2);
        using var client = dash.Client();

        using var response = await client.GetAsync("/api/frames/front%20door.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(jpeg, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/frames/gate.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/frames/front%20door.png")).StatusCode);
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_event_streams()
    {
        var dash = await TestDashboard.StartAsync();
        using var client = dash.Client();
        using var events = await SseReader.OpenAsync(client);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("snapshot", (await events.NextAsync(cts.Token))!.Value.Name);
        var stop = dash.DisposeAsync().AsTask();

        (string, string)? next;
        try
        {
            next = await events.NextAsync(cts.Token);
        }
        catch (IOException)
        {
            next = null; // the connection was cut rather than closed: also an end
        }
        Assert.Null(next);
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, dash.Feed.SubscriberCount);
    }
}
