using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Dashboard;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.TestSupport;
using Live = MultimodalFusion.Cli.Emotion.EmotionDashboard;

namespace MultimodalFusion.Cli.Tests.EmotionDashboard;

/// <summary>The emotion run's dashboard in process (hooks into the feed, served over HTTP) and the command's dashboard usage errors.</summary>
public sealed class EmotionDashboardTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-cli-emodash");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Hooks_publish_readings_and_annotated_frames_to_the_served_tile_and_the_final_status_and_dispose_stops_the_server()
    {
        var metrics = new MetricsRegistry(new ManualClock());
        var live = await Live.StartAsync(new DashboardOptions { Urls = "http://127.0.0.1:0" }, "clip.mp4", "/media/clip.mp4", metrics,
            NullLoggerFactory.Instance, CancellationToken.None);
        var address = live.Address;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            Assert.Equal("starting", Assert.Single(live.Feed.GetSnapshot().Cameras).Status!.State);
            float[] probs = [0.1f, 0.05f, 0.05f, 0.05f, 0.55f, 0.1f, 0.05f, 0.05f];
            live.Hooks.Reading!(EmotionDashboardMappingTests.Reading(2_000_000, 0.9f, 0.3f, probs));
            live.Hooks.Reading!(EmotionDashboardMappingTests.Reading(2_500_000, 0.9f, 0.45f, probs));
            using (var frame = EmotionFrameJpegTests.GreyFrame(320, 240, captureMicros: 2_400_000))
                live.Hooks.Frame!("clip.mp4", frame, new PixelRect(100, 60, 80, 80));

            var camera = Assert.Single(live.Feed.GetSnapshot().Cameras);
            Assert.Equal([0.3f, 0.45f], camera.History.Select(p => p.Valence));
            Assert.Equal(0.55f, camera.Emotion!.Expressions![4]);
            Assert.Equal((2_400_000L, 1L), (camera.Frame!.TimestampMicros, camera.Frame.Sequence));
            byte[] jpeg = await http.GetByteArrayAsync(new Uri(address, "/api/frames/clip.mp4.jpg"));
            Assert.Equal([0xFF, 0xD8], jpeg[..2]);
            string state = await http.GetStringAsync(new Uri(address, "/api/state"));
            Assert.Contains("\"profile\":\"emotion\"", state);
            Assert.Contains("\"valence\":0.45", state);

            var result = new EmotionRunResult(new EmotionSessionSummary(), [], [], 2, Interrupted: true, Error: null, null, null, null, 0, 0);
            await live.FinishAsync(result);
            var status = live.Feed.GetSnapshot().Cameras[0].Status!;
            Assert.Equal(("stopped", "2 windows"), (status.State, status.Message));
        }
        finally
        {
            await live.DisposeAsync();
        }
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri(address, "/api/state")));
    }

    [Fact]
    public async Task A_non_loopback_dashboard_without_a_token_is_bad_usage_naming_the_option()
    {
        var (exit, _, error) = await RunAsync(RepoPaths.Media("Megamind.avi"), "--dashboard", "http://0.0.0.0:5999", "--models", Path.Combine(_dir, "unused"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("mmf emotion: --dashboard: ", error);
        Assert.Contains("Dashboard:Token is required", error);
        Assert.Contains("--dashboard-token", error);
    }

    [Fact]
    public async Task Dashboard_token_or_linger_without_dashboard_is_bad_usage()
    {
        var (exit, _, error) = await RunAsync(RepoPaths.Media("Megamind.avi"), "--dashboard-linger", "5s", "--models", Path.Combine(_dir, "unused"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("go with --dashboard", error);
    }

    [Fact]
    public async Task A_dashboard_address_in_use_fails_the_run_before_the_models_load_and_names_the_address()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        int port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (exit, output, error) = await RunAsync(RepoPaths.Media("Megamind.avi"), "--dashboard", $"http://127.0.0.1:{port}", "--models", Path.Combine(_dir, "missing"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.StartsWith("mmf emotion: dashboard: ", error);
        Assert.Contains($"127.0.0.1:{port}", error);
        Assert.DoesNotContain("model problem", error);   // the dashboard comes first, the run never started
        Assert.DoesNotContain("dashboard: http", output);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { EmotionCommand.Create() };
        ParseResult parse = root.Parse(["emotion", "--log-dir", Path.Combine(_dir, "logs"), "--out", Path.Combine(_dir, "out"), .. args]);
        Assert.Empty(parse.Errors);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).WaitAsync(TimeSpan.FromMinutes(2));
        return (exit, output.ToString(), error.ToString());
    }
}
