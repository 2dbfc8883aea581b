using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultimodalFusion.Cli.Tests.Serve;

/// <summary><c>mmf serve</c> as a real child process (<c>dotnet mmf.dll serve ...</c>, the CLI is copied beside the tests); killed on dispose.</summary>
/// <remarks>Keeps everything it printed (stdout and stderr together) for assertions and failure messages. Thread-safe.</remarks>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process) => _process = process;

    /// <summary>Everything printed so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>mmf serve ARGS</c> in <paramref name="workingDirectory"/> with the extra <paramref name="environment"/> variables.</summary>
    public static ServeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mmf.dll"));
        psi.ArgumentList.Add("serve");
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        // The test runner's own MMF_ variables must not leak into the child's configuration.
        foreach (string name in psi.Environment.Keys.Where(k => k.StartsWith("MMF_", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            psi.Environment[name] = value;
        var process = new Process { StartInfo = psi };
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Runs <c>mmf serve ARGS</c> to its end (killed and failed after <paramref name="timeout"/>).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout, params string[] args)
    {
        using var serve = Start(workingDirectory, environment, args);
        int exit = await serve.WaitAsync(timeout);
        return (exit, serve.Output);
    }

    /// <summary>Waits for the exit; kills the process and throws (with its output) after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mmf serve did not exit within {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager stopping the service would.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])!;
        kill.WaitForExit();
    }

    /// <summary>A TCP port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
