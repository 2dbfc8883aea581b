using System.Globalization;
using System.Text.Json;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Integration.Tests.Probe;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>
/// Everything around a real <c>mmf violence --rtsp</c> process: the scripted clip on a loopback RTSP server, a mosquitto
/// broker, a webhook receiver, an MQTT subscriber, the config wiring the SQLite store, webhook, MQTT and JSONL sinks,
/// and readers for what the process left behind. Disposing kills every child process and removes the folder.
/// </summary>
internal sealed class ViolenceRtspRig : IAsyncDisposable
{
    public static readonly string[] SinkNames = ["jsonl", "webhook", "mqtt"];
    private readonly List<CliProcess> _processes = [];

    private ViolenceRtspRig(string dir) => Dir = dir;

    public string Dir { get; }

    public string OutDir => Path.Combine(Dir, "out");

    public string ModelPath => Path.Combine(Dir, "violence.onnx");

    public string ConfigPath => Path.Combine(Dir, "appsettings.json");

    public LoopbackServers Servers { get; private set; } = null!;

    public WebhookListener Webhook { get; } = new();

    public MqttListener Mqtt { get; private set; } = null!;

    /// <summary>
    /// Writes the clip, model and config (<paramref name="cooldown"/>: the profile's cooldown) and starts the servers
    /// and the MQTT subscriber.
    /// </summary>
    public static async Task<ViolenceRtspRig> StartAsync(TimeSpan cooldown)
    {
        var rig = new ViolenceRtspRig(RepoPaths.NewTempDir("mmf-violence-rtsp"));
        try
        {
            string clip = ViolenceStream.WriteClip(Path.Combine(rig.Dir, "stream.mp4"));
            ViolenceStream.WriteModel(rig.ModelPath);
            rig.Servers = await LoopbackServers.StartAsync(clip, Path.Combine(rig.Dir, "broker"));
            rig.Mqtt = await MqttListener.ConnectAsync(rig.Servers.MqttPort);
            File.WriteAllText(rig.ConfigPath, rig.ConfigJson(cooldown));
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <c>mmf violence</c> on the RTSP camera (cam1) with this rig's config, store and output folder.</summary>
    public CliProcess StartMmf(string scoresFile)
    {
        var mmf = CliProcess.Start("violence", "--config", ConfigPath, "--rtsp", Servers.RtspUrl, "--model", ModelPath,
            "--out", OutDir, "--scores", Path.Combine(Dir, scoresFile), "--log-dir", Path.Combine(Dir, "logs"));
        _processes.Add(mmf);
        return mmf;
    }

    /// <summary>SIGKILL to <paramref name="mmf"/> and its children (Process.Kill), then waits until it is gone.</summary>
    public async Task KillAsync(CliProcess mmf)
    {
        int pid = mmf.Pid;
        _processes.Remove(mmf);
        mmf.Dispose();
        await Poll.UntilAsync(() => !File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z",
            $"mmf (pid {pid}) to die after SIGKILL", TimeSpan.FromSeconds(30));
    }

    /// <summary>The stored transitions of cam1 (a fresh read of the SQLite file).</summary>
    public IReadOnlyList<AlertEvent> StoredEvents()
    {
        using var store = new SqliteEventStore(Path.Combine(OutDir, "data", "events.db"), SinkNames);
        return store.GetEvents("cam1");
    }

    /// <summary>The (UTC arrival, score) lines of a <c>--scores</c> file.</summary>
    public IReadOnlyList<(DateTimeOffset Utc, double Score)> Scores(string scoresFile) =>
        File.ReadAllLines(Path.Combine(Dir, scoresFile)).Skip(1)
            .Select(l => l.Split(','))
            .Select(p => (DateTimeOffset.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The idempotency keys of the JSONL sink's lines, in file order.</summary>
    public IReadOnlyList<string> JsonlKeys() =>
        File.ReadAllLines(Path.Combine(OutDir, "events.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("idempotencyKey").GetString()!)
            .ToList();

    /// <summary>The idempotency keys of the MQTT messages on mmf/alerts/cam1, in arrival order.</summary>
    public IReadOnlyList<string> MqttKeys() =>
        Mqtt.Messages.Where(m => m.Topic == "mmf/alerts/cam1")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("idempotencyKey").GetString()!)
            .ToList();

    /// <summary>What a failing assertion should show.</summary>
    public string Describe(CliProcess? mmf = null) =>
        $"{(mmf is null ? "" : $"mmf stdout:\n{mmf.Stdout}\nmmf stderr (tail):\n{Tail(mmf.Stderr)}\n")}" +
        $"webhook keys: {string.Join(", ", Webhook.Deliveries.Select(d => d.Key))}\n" +
        $"mqtt keys: {string.Join(", ", MqttKeys())} (subscriber connected: {Mqtt.IsConnected})\n" +
        $"broker running: {Servers.BrokerRunning}; broker log (tail):\n{Tail(Servers.BrokerLog)}";

    public async ValueTask DisposeAsync()
    {
        foreach (var mmf in _processes)
            mmf.Dispose();
        if (Mqtt is not null)
            await Mqtt.DisposeAsync();
        await Webhook.DisposeAsync();
        if (Servers is not null)
            await Servers.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    // Window 2 s / hop 0.5 s; 3 frames above 0.8 start an event, 3 s below end it (a stall of a second on a loaded
    // machine must not split the segment); a long cooldown keeps the clip's later loops (and a restarted process's
    // replay of the clip) from starting a second event.
    private string ConfigJson(TimeSpan cooldown) => $$"""
        {
          "Profiles": { "Violence": { "Window": "00:00:02", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                                      "Cutoff": "00:00:03", "Cooldown": "{{cooldown:c}}", "ClipBefore": "00:00:01", "ClipAfter": "00:00:01" } },
          "Sinks": {
            "Store": { "Path": "data/events.db" },
            "Jsonl": { "Path": "events.jsonl" },
            "Webhook": { "Url": "{{Webhook.Url}}", "Secret": "rig-secret" },
            "Mqtt": { "Host": "127.0.0.1", "Port": {{Servers.MqttPort}}, "Topic": "mmf/alerts/{camera}", "ConnectTimeout": "00:00:03" }
          }
        }
        """;
}
