using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Cli.Tests.Violence;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Serve;

/// <summary><c>mmf serve</c> as a real process over the scripted clip (bright = violent from 3.0 s to 5.9 s) and the brightness model.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromSeconds(90);
    private readonly string _dir = RepoPaths.NewTempDir("mmf-cli-serve");
    private readonly string _clip;
    private readonly string _model;

    public ServeCommandTests()
    {
        _clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        _model = ViolenceTestMedia.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Metrics_and_dashboard_show_the_camera_and_its_alerts_and_SIGTERM_stops_gracefully_with_the_events_flushed()
    {
        int metricsPort = ServeProcess.FreePort();
        var config = Config(realtime: true);
        config["Metrics"] = new JsonObject { ["PrometheusUrl"] = $"http://127.0.0.1:{metricsPort}/" };
        config["Dashboard"] = new JsonObject { ["Urls"] = "http://127.0.0.1:0" };
        string outDir = Path.Combine(_dir, "out");
        var started = DateTime.UtcNow;
        using var serve = ServeProcess.Start(_dir, null, "--config", Write(config), "--model", _model, "--out", outDir, "--log-dir", Path.Combine(_dir, "logs"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // The event ends at ~7 s of the 12 s clip, played at real time: stop the service in between.
        string metrics = await PollAsync(serve, async () =>
        {
            string text = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
            return Sample(text, "mmf_alerts_total", "state=\"end\"") >= 1 ? text : null;
        });
        Assert.True(Sample(metrics, "mmf_stage_in_total", "camera=\"cam1\"", "stage=\"scored\"") > 10, metrics);
        Assert.Equal(1, Sample(metrics, "mmf_alerts_total", "state=\"start\""));
        Assert.True(Sample(metrics, "mmf_stage_rate_per_second", "camera=\"cam1\"", "stage=\"scored\"") > 0, metrics);
        Assert.True(Sample(metrics, "mmf_stage_latency_milliseconds", "stage=\"scored\"", "quantile=\"0.5\"") > 0, metrics);
        Assert.InRange(Sample(metrics, "mmf_sink_backlog", "sink=\"jsonl\""), 0, 2); // the end may still be in flight
        // Per camera: the source's frames and drops (a file waits for the loop: none), the model and feature time.
        double runSeconds = (DateTime.UtcNow - started).TotalSeconds;
        double modelSeconds = Sample(metrics, "mmf_model_time_seconds_total", "stage=\"model\"");
        Assert.True(modelSeconds > 0 && modelSeconds < runSeconds, $"model time {modelSeconds} s of a {runSeconds:F1} s run\n{metrics}");
        Assert.True(Sample(metrics, "mmf_model_time_seconds_total", "stage=\"features\"") > 0, metrics);
        Assert.True(Sample(metrics, "mmf_stage_latency_milliseconds", "stage=\"model\"", "quantile=\"0.5\"") > 0, metrics);
        Assert.True(Sample(metrics, "mmf_stage_in_total", "stage=\"source\"") >= Sample(metrics, "mmf_stage_in_total", "stage=\"scored\""), metrics);
        Assert.Equal(0, Sample(metrics, "mmf_stage_dropped_total", "stage=\"source\""));
        Assert.Equal(0, Sample(metrics, "mmf_stage_restarts_total", "stage=\"source\""));

        var dashboard = new Uri(DashboardUrl().Match(serve.Output).Groups["url"].Value);
        using (var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(dashboard, "/api/state"))))
        {
            string json = state.RootElement.GetRawText();
            Assert.Contains("\"cam1\"", json);
            Assert.Contains("violence", json);
        }
        byte[] jpeg = await http.GetByteArrayAsync(new Uri(dashboard, "/api/frames/cam1.jpg"));
        Assert.True(jpeg.Length > 100 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, $"frame of {jpeg.Length} bytes is not a JPEG");

        serve.Terminate();
        int exit = await serve.WaitAsync(s_runTimeout);

        Assert.True(exit == 0, $"exit {exit}:\n{serve.Output}");
        Assert.DoesNotContain("Every camera's source has ended", serve.Output); // stopped by the signal, not by the clip's end
        var lines = File.ReadAllLines(Path.Combine(outDir, "events.jsonl"));
        Assert.Equal(["start", "end"], lines.Select(l => JsonNode.Parse(l)!["state"]!.GetValue<string>()));
        using (var store = new SqliteEventStore(Path.Combine(outDir, "data", "events.db"), ["jsonl"]))
            Assert.Equal([AlertState.Start, AlertState.End], store.GetEvents("cam1").Select(e => e.State));
        Assert.Contains("final: camera cam1: stopped, ", serve.Output); // the per-camera counts, logged as the camera stops
        string jsonLog = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(_dir, "logs"), "mmf-*.json")));
        Assert.Contains("\"camera\":\"cam1\"", jsonLog);
    }

    [Fact]
    public async Task Bad_keys_in_the_config_exit_2_naming_each_key_with_credentials_redacted()
    {
        var config = Config(realtime: false);
        config["Profiles"]!["Violence"]!["Threshold"] = 1.5;
        config["Cameras"]![0]!["Fps"] = 0;
        config["Cameras"]![0]!["Url"] = "rtsp://admin:hunter2@127.0.0.1:1/cam";
        config["Metrics"] = new JsonObject { ["PrometheusUrl"] = "ftp://127.0.0.1:1/" };

        var (exit, output) = await ServeProcess.RunAsync(_dir, null, s_runTimeout, "--config", Write(config), "--out", Path.Combine(_dir, "out"),
            "--log-dir", Path.Combine(_dir, "logs"));

        Assert.True(exit == 2, $"exit {exit}:\n{output}");
        Assert.Contains("Profiles:Violence.Threshold", output);
        Assert.Contains("Cameras[0].Fps", output);
        Assert.Contains("Serve:Models: model folder", output); // no --model and no models folder here
        Assert.Contains("Metrics:PrometheusUrl", output);
        Assert.DoesNotContain("hunter2", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "nothing may start with a bad configuration");

        var typo = await ServeProcess.RunAsync(_dir, null, s_runTimeout, "--config", Write(Config(realtime: false)), "--model", _model,
            "--Profiles:Violence:Window=2s", "--log-dir", Path.Combine(_dir, "logs"));
        Assert.True(typo.Exit == 2, $"exit {typo.Exit}:\n{typo.Output}");
        Assert.Contains("Profiles:Violence:Window", typo.Output);
    }

    [Fact]
    public async Task An_environment_variable_beats_the_file_and_a_command_line_override_beats_both()
    {
        string config = Write(Config(realtime: false));
        var env = new Dictionary<string, string> { ["MMF_Profiles__Violence__Threshold"] = "0.7" };

        var fromEnv = await ServeProcess.RunAsync(_dir, env, s_runTimeout, "--config", config, "--model", _model, "--out", Path.Combine(_dir, "a"),
            "--log-dir", Path.Combine(_dir, "logs"));
        var fromArgs = await ServeProcess.RunAsync(_dir, env, s_runTimeout, "--config", config, "--model", _model, "--out", Path.Combine(_dir, "b"),
            "--log-dir", Path.Combine(_dir, "logs"), "--Profiles:Violence:Threshold=0.9");

        // Not paced: the clip ends within seconds and the service stops by itself, exit 0.
        Assert.True(fromEnv.Exit == 0, $"exit {fromEnv.Exit}:\n{fromEnv.Output}");
        Assert.Equal(0.7, EffectiveThreshold(fromEnv.Output));
        Assert.Contains("Every camera's source has ended", fromEnv.Output);
        Assert.True(fromArgs.Exit == 0, $"exit {fromArgs.Exit}:\n{fromArgs.Output}");
        Assert.Equal(0.9, EffectiveThreshold(fromArgs.Output));
    }

    /// <summary>The scripted test profile (<see cref="ViolenceTestMedia.ConfigJson"/>) with one file camera and the Serve section.</summary>
    private JsonObject Config(bool realtime)
    {
        var config = JsonNode.Parse(ViolenceTestMedia.ConfigJson())!.AsObject();
        config["Cameras"] = new JsonArray(new JsonObject { ["Id"] = "cam1", ["Url"] = _clip, ["Fps"] = ViolenceTestMedia.Fps });
        config["Serve"] = new JsonObject { ["Realtime"] = realtime, ["FlushTimeout"] = "00:00:10" };
        config["Metrics"] = new JsonObject { ["PrometheusUrl"] = $"http://127.0.0.1:{ServeProcess.FreePort()}/" };
        return config;
    }

    private string Write(JsonObject config)
    {
        string path = Path.Combine(_dir, $"appsettings-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private static double EffectiveThreshold(string output) =>
        double.Parse(Threshold().Match(output).Groups["t"].Value, CultureInfo.InvariantCulture);

    /// <summary>The value of the first sample of <paramref name="metric"/> whose labels contain every one of <paramref name="labels"/>; NaN when absent.</summary>
    private static double Sample(string exposition, string metric, params string[] labels)
    {
        foreach (string line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) || !labels.All(l => line.Contains(l, StringComparison.Ordinal)))
                continue;
            string[] parts = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ');
            return double.Parse(parts[0], CultureInfo.InvariantCulture);
        }
        return double.NaN;
    }

    private static async Task<string> PollAsync(ServeProcess serve, Func<Task<string?>> probe)
    {
        var deadline = DateTime.UtcNow + s_runTimeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline && !serve.HasExited)
        {
            try
            {
                if (await probe() is { } result)
                    return result;
            }
            catch (HttpRequestException ex)
            {
                last = ex; // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"condition not met (last error: {last?.Message}); mmf serve printed:\n{serve.Output}");
    }

    [GeneratedRegex(@"Camera cam1: .* threshold (?<t>[0-9.]+),")]
    private static partial Regex Threshold();

    [GeneratedRegex(@"Dashboard listening on (?<url>http://[0-9.:]+/?)")]
    private static partial Regex DashboardUrl();
}
