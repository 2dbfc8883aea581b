using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultimodalFusion.Integration.Tests.Probe;
using MultimodalFusion.Integration.Tests.Rtsp;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>
/// <c>mmf serve</c> as a real process with an RTSP camera (cam1, the loopback gst-rtsp-server) and a file camera (cam2):
/// the RTSP server is killed mid-run and started again; cam1 reconnects and scores again, cam2 never stops, the
/// process keeps running, the dashboard shows cam1 reconnecting and then running, and /metrics shows the restart, the source drops and each camera's model time.
/// </summary>
public sealed partial class ServeReconnectTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = RepoPaths.NewTempDir("mmf-serve-reconnect");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task A_killed_rtsp_camera_reconnects_and_scores_again_while_the_file_camera_goes_on_and_metrics_show_restarts_drops_and_model_time()
    {
        await using var server = await RtspTestServer.StartAsync();
        string clip = ViolenceStream.WriteClip(Path.Combine(_dir, "street.mp4"));
        string model = ViolenceStream.WriteModel(Path.Combine(_dir, "violence.onnx"));
        string config = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(config, $$"""
            {
              "Profiles": { "Violence": { "Window": "00:00:02", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                                          "Cutoff": "00:00:03", "Cooldown": "00:01:00", "ClipBefore": "00:00:01", "ClipAfter": "00:00:01" } },
              "Cameras": [ { "Id": "cam1", "Url": "{{server.Url}}", "Fps": 10 }, { "Id": "cam2", "Url": "{{clip}}", "Fps": 10 } ],
              "Sinks": { "Store": { "Path": "data/events.db" } },
              "Reconnect": { "InitialDelay": "00:00:00.2", "MaxDelay": "00:00:02" },
              "Serve": { "Realtime": true, "FlushTimeout": "00:00:05" },
              "Metrics": { "PrometheusUrl": "http://127.0.0.1:{{_port}}/" },
              "Dashboard": { "Urls": "http://127.0.0.1:0" }
            }
            """);
        var run = Stopwatch.StartNew();
        using var mmf = CliProcess.Start("serve", "--config", config, "--model", model, "--out", Path.Combine(_dir, "out"), "--log-dir", Path.Combine(_dir, "logs"));
        string Describe() => $"mmf stdout:\n{mmf.Stdout}\nmmf stderr:\n{mmf.Stderr}\nlast /metrics:\n{_last}";
        bool Running() => File.Exists($"/proc/{mmf.Pid}/stat") && File.ReadAllText($"/proc/{mmf.Pid}/stat").Split(' ')[2] != "Z";

        await UntilAsync(m => Scored(m, "cam1") >= 10 && Scored(m, "cam2") >= 10, "both cameras scoring", Describe);

        await server.KillAsync();
        string down = await UntilAsync(m => Sample(m, "mmf_stage_restarts_total", "cam1", "source") >= 1, "cam1's source restarting", Describe);
        double cam1Down = Scored(down, "cam1"), cam2Down = Scored(down, "cam2");
        // The file camera does not wait for the RTSP one: it scores on while cam1 is dark.
        await UntilAsync(m => Scored(m, "cam2") >= cam2Down + 10, "cam2 scoring during cam1's outage", Describe);

        // The dashboard shows the dark camera as reconnecting, with the error that dropped it.
        var dashboard = new Uri(DashboardUrl().Match(mmf.Stderr).Groups["url"].Value);
        var dark = await StatusAsync(dashboard, "cam1", s => s.State == "reconnecting", Describe);
        Assert.False(string.IsNullOrEmpty(dark.Message), $"no error shown for the dark camera\n{Describe()}");

        await server.RestartAsync();
        string back = await UntilAsync(m => Scored(m, "cam1") >= cam1Down + 10, "cam1 scoring again after the server came back", Describe);
        await Poll.UntilAsync(() => mmf.Stderr.Contains("reconnected after restart", StringComparison.Ordinal), "the reconnect log line", s_timeout, Describe);
        await StatusAsync(dashboard, "cam1", s => s.State == "running", Describe);
        double elapsed = run.Elapsed.TotalSeconds;

        Assert.True(Running(), Describe());
        Assert.Matches(@"cam1.*rtsp://127\.0\.0\.1:\d+/cam.*reconnected", mmf.Stderr);
        Assert.InRange(Sample(back, "mmf_stage_restarts_total", "cam1", "source"), 1, 50);
        // The Reconnect section's MaxDelay (2 s; the default would allow 10 s) bounds every backoff the supervisor logged.
        var delays = RestartDelay().Matches(mmf.Stderr).Select(m => double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(delays);
        Assert.All(delays, d => Assert.InRange(d, 0, 2.0));
        Assert.Equal(0, Sample(back, "mmf_stage_restarts_total", "cam2", "source"));
        foreach (string camera in new[] { "cam1", "cam2" })
        {
            double modelSeconds = Sample(back, "mmf_model_time_seconds_total", camera, "model");
            Assert.True(modelSeconds > 0 && modelSeconds < elapsed, $"{camera} model time {modelSeconds} s of a {elapsed:F1} s run\n{back}");
            Assert.True(Sample(back, "mmf_model_time_seconds_total", camera, "features") > 0, back);
            Assert.True(Sample(back, "mmf_stage_latency_milliseconds", camera, "model", "quantile=\"0.5\"") > 0, back);
            Assert.True(Sample(back, "mmf_stage_dropped_total", camera, "source") >= 0, back);
            Assert.True(Sample(back, "mmf_stage_in_total", camera, "source") >= Scored(back, camera) - 1, back);
        }

        mmf.Interrupt();
        int exit = await mmf.WaitAsync(s_timeout);
        Assert.True(exit == 0, $"exit {exit}\n{Describe()}");
        // The final counts the app logged are those the metrics exported, grown only by what came after the scrape.
        foreach (string camera in new[] { "cam1", "cam2" })
        {
            var final = FinalLine().Matches(mmf.Stderr).Single(m => m.Groups["camera"].Value == camera);
            long dropped = long.Parse(final.Groups["dropped"].Value, CultureInfo.InvariantCulture);
            long restarts = long.Parse(final.Groups["restarts"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(dropped, (long)Sample(back, "mmf_stage_dropped_total", camera, "source"), long.MaxValue);
            Assert.InRange(restarts, (long)Sample(back, "mmf_stage_restarts_total", camera, "source"), long.MaxValue);
        }
    }

    private readonly int _port = FreePort();
    private string _last = "";

    private static double Scored(string metrics, string camera) => Sample(metrics, "mmf_stage_in_total", camera, "scored");

    /// <summary>The first sample of <paramref name="metric"/> with the camera and stage labels (and <paramref name="extra"/>); NaN when absent.</summary>
    private static double Sample(string exposition, string metric, string camera, string stage, string extra = "")
    {
        foreach (string line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) || !line.Contains($"camera=\"{camera}\"", StringComparison.Ordinal)
                || !line.Contains($"stage=\"{stage}\"", StringComparison.Ordinal) || !line.Contains(extra, StringComparison.Ordinal))
                continue;
            return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return double.NaN;
    }

    // Scrapes /metrics until the condition holds; returns that scrape.
    private async Task<string> UntilAsync(Func<string, bool> condition, string what, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                _last = await _http.GetStringAsync($"http://127.0.0.1:{_port}/metrics");
                if (condition(_last))
                    return _last;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Waited {s_timeout.TotalSeconds:0} s for {what}.\n{describe()}");
    }

    // Polls the dashboard's /api/state until the camera's status matches; returns it.
    private async Task<(string State, string? Message)> StatusAsync(Uri dashboard, string camera, Func<(string State, string? Message), bool> condition,
        Func<string> describe)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        (string, string?) last = ("", null);
        while (DateTime.UtcNow < deadline)
        {
            using var state = JsonDocument.Parse(await _http.GetStringAsync(new Uri(dashboard, "/api/state")));
            foreach (var c in state.RootElement.GetProperty("cameras").EnumerateArray())
            {
                if (c.GetProperty("camera").GetString() != camera || c.GetProperty("status").ValueKind != JsonValueKind.Object)
                    continue;
                var status = c.GetProperty("status");
                last = (status.GetProperty("state").GetString()!, status.TryGetProperty("message", out var m) ? m.GetString() : null);
                if (condition(last))
                    return last;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Waited {s_timeout.TotalSeconds:0} s for {camera}'s dashboard status; last {last}.\n{describe()}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"restart \d+ in (?<s>[0-9.]+) s")]
    private static partial Regex RestartDelay();

    [GeneratedRegex(@"Dashboard listening on (?<url>http://[0-9.:]+/?)")]
    private static partial Regex DashboardUrl();

    [GeneratedRegex(@"final: camera (?<camera>\w+): \w+, \d+ frame\(s\) captured, (?<dropped>\d+) dropped, \d+ scored, (?<restarts>\d+) restart\(s\)")]
    private static partial Regex FinalLine();
}
