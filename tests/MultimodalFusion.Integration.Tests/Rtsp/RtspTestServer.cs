using System.Net;
using System.Net.Sockets;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Rtsp;

/// <summary>tools/rtsp-server.sh on a free loopback port: start, kill (SIGKILL), freeze (SIGSTOP) and start again on the same port.</summary>
internal sealed class RtspTestServer : IAsyncDisposable
{
    private const string ReadyLine = "RTSP ready";
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(60);
    private ToolProcess? _process;

    private RtspTestServer(int port) => Port = port;

    /// <summary>The loopback port the server listens on (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>The stream URL.</summary>
    public string Url => $"rtsp://127.0.0.1:{Port}/cam";

    /// <summary>The running server process, if any.</summary>
    public ToolProcess? Process => _process;

    /// <summary>Starts a server on a free port with the short-GOP clip; returns once it printed its ready line.</summary>
    public static async Task<RtspTestServer> StartAsync()
    {
        var server = new RtspTestServer(FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server process (again) on <see cref="Port"/>; returns once it printed its ready line.</summary>
    public async Task RestartAsync()
    {
        if (_process is { IsRunning: true })
            throw new InvalidOperationException("The RTSP test server is still running.");
        if (_process is not null)
            await _process.DisposeAsync();
        // 4 loops of the 11.3 s clip: longer than any test, small on disk.
        _process = await ToolProcess.StartAsync(Path.Combine(RepoPaths.Tools, "rtsp-server.sh"),
            [Port.ToString(), RepoPaths.Media("megamind-gop25.mp4"), "4"], ReadyLine, s_readyTimeout);
    }

    /// <summary>SIGKILL: the server vanishes mid-stream; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("No server to kill.");
        process.Signal("KILL");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (process.IsRunning && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        if (process.IsRunning)
            throw new TimeoutException($"The RTSP test server (pid {process.Pid}) survived SIGKILL for 30 s.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync(); // sends CONT first, then kills the tree
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
