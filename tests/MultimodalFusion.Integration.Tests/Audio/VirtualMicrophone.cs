using System.Diagnostics;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Audio;

/// <summary>tools/virtual-mic.sh for one test: a private PulseAudio daemon with sink "vspk" and source "vmic".</summary>
internal sealed class VirtualMicrophone : IAsyncDisposable
{
    private readonly ToolProcess _daemon;

    private VirtualMicrophone(ToolProcess daemon, string runtimeDir)
    {
        _daemon = daemon;
        RuntimeDir = runtimeDir;
    }

    /// <summary>The daemon's XDG_RUNTIME_DIR.</summary>
    public string RuntimeDir { get; }

    /// <summary>The server address for libpulse and the pa* tools.</summary>
    public string Server => $"unix:{Path.Combine(RuntimeDir, "pulse", "native")}";

    public static async Task<VirtualMicrophone> StartAsync()
    {
        string dir = RepoPaths.NewTempDir("mmf-pulse");
        var daemon = await ToolProcess.StartAsync(Path.Combine(RepoPaths.Tools, "virtual-mic.sh"), [dir],
            readyLine: "virtual-mic ready", readyTimeout: TimeSpan.FromSeconds(60));
        return new VirtualMicrophone(daemon, dir);
    }

    /// <summary>Runs a PulseAudio client tool (paplay, pactl) against this daemon and returns its exit code.</summary>
    public async Task<int> RunToolAsync(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["PULSE_SERVER"] = Server;
        psi.Environment["XDG_RUNTIME_DIR"] = RuntimeDir;
        using var process = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}\n{await stdout}\ndaemon: {_daemon.Output}");
        return process.ExitCode;
    }

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
