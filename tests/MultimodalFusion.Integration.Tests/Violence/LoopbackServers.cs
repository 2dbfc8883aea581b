using System.Net;
using System.Net.Sockets;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>tools/rtsp-server.sh and tools/mosquitto.sh on free loopback ports, for the violence tests; killed on dispose.</summary>
internal sealed class LoopbackServers : IAsyncDisposable
{
    private ToolProcess? _rtsp;
    private ToolProcess? _broker;

    private LoopbackServers(int rtspPort, int mqttPort, string brokerDir)
    {
        RtspPort = rtspPort;
        MqttPort = mqttPort;
        BrokerDir = brokerDir;
    }

    public int RtspPort { get; }

    public int MqttPort { get; }

    /// <summary>mosquitto's config, log and persistence folder (kept across a stop and start).</summary>
    public string BrokerDir { get; }

    public string RtspUrl => $"rtsp://127.0.0.1:{RtspPort}/cam";

    public bool BrokerRunning => _broker is { IsRunning: true };

    public string BrokerLog => File.Exists(Path.Combine(BrokerDir, "mosquitto.log")) ? File.ReadAllText(Path.Combine(BrokerDir, "mosquitto.log")) : "(no log)";

    /// <summary>Serves <paramref name="clip"/> (looped twice: 60 s, longer than any test) and starts the broker.</summary>
    public static async Task<LoopbackServers> StartAsync(string clip, string brokerDir)
    {
        var servers = new LoopbackServers(FreePort(), FreePort(), brokerDir);
        try
        {
            servers._rtsp = await ToolProcess.StartAsync(Path.Combine(RepoPaths.Tools, "rtsp-server.sh"),
                [servers.RtspPort.ToString(), clip, "2"], "RTSP ready", TimeSpan.FromSeconds(60));
            await servers.StartBrokerAsync();
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts mosquitto (again) on the same port and persistence folder.</summary>
    public async Task StartBrokerAsync()
    {
        if (BrokerRunning)
            throw new InvalidOperationException("The broker is running.");
        // Right after a stop the port can linger in TIME_WAIT: a few tries.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                _broker = await ToolProcess.StartAsync(Path.Combine(RepoPaths.Tools, "mosquitto.sh"),
                    ["run", MqttPort.ToString(), BrokerDir], "mosquitto ready", TimeSpan.FromSeconds(30));
                return;
            }
            catch (Exception) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>SIGTERM to the broker (it saves its sessions and queued messages); waits until it is gone.</summary>
    public async Task StopBrokerAsync()
    {
        if (_broker is null)
            return;
        _broker.Signal("TERM");
        await Poll.UntilAsync(() => !_broker.IsRunning, "mosquitto to exit after SIGTERM", TimeSpan.FromSeconds(30));
        await _broker.DisposeAsync();
        _broker = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_rtsp is not null)
            await _rtsp.DisposeAsync();
        if (_broker is not null)
            await _broker.DisposeAsync();
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
