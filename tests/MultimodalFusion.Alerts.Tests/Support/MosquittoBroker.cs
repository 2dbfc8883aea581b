using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Alerts.Tests.Support;

/// <summary>A real mosquitto on 127.0.0.1 started by tools/mosquitto.sh, with its own persistence dir; stop and start again on the same port.</summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private ToolProcess? _process;

    private MosquittoBroker(int port, string dir)
    {
        Port = port;
        Dir = dir;
    }

    public int Port { get; }

    public string Dir { get; }

    /// <summary>The broker's log file (notices, warnings, errors).</summary>
    public string Log => File.Exists(Path.Combine(Dir, "mosquitto.log")) ? File.ReadAllText(Path.Combine(Dir, "mosquitto.log")) : "(no log)";

    public bool IsRunning => _process is { IsRunning: true };

    public static async Task<MosquittoBroker> StartAsync()
    {
        var broker = new MosquittoBroker(FreePort.Next(), RepoPaths.NewTempDir("mmf-mosquitto"));
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the broker (again) on the same port with the same persistence dir.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
            throw new InvalidOperationException("The broker is running.");
        // The port can stay in TIME_WAIT for a moment after a stop: retry the start a few times.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                _process = await ToolProcess.StartAsync(Path.Combine(RepoPaths.Tools, "mosquitto.sh"),
                    ["run", Port.ToString(), Dir], readyLine: "mosquitto ready", readyTimeout: TimeSpan.FromSeconds(30));
                return;
            }
            catch (Exception) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Stops the broker gracefully (SIGTERM: it saves sessions and queued messages) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
            return;
        _process.Signal("TERM");
        await Poll.UntilAsync(() => !_process.IsRunning, "mosquitto.sh to exit after SIGTERM", TimeSpan.FromSeconds(30));
        await _process.DisposeAsync();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
