using System.Diagnostics;
using System.Text;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.Probe;

/// <summary>Runs the built <c>mmf</c> CLI as a real child process and collects what it printed.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process) => _process = process;

    /// <summary>The mmf.dll next to the test assembly (the project references the CLI).</summary>
    public static string MmfDll => Path.Combine(AppContext.BaseDirectory, "mmf.dll");

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public int Pid => _process.Id;

    public static CliProcess Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.NewTempDir("mmf-cli"),
        };
        psi.ArgumentList.Add(MmfDll);
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["MMF_MEDIA"] = RepoPaths.MediaDir;
        var process = new Process { StartInfo = psi };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (cli._stdout) cli._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (cli._stderr) cli._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs to the end (or kills it after <paramref name="timeout"/> and fails).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var cli = Start(args);
        int code = await cli.WaitAsync(timeout);
        return (code, cli.Stdout, cli.Stderr);
    }

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
            throw new TimeoutException($"mmf did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
                throw new TimeoutException($"mmf printed no '{text}' within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal would.</summary>
    /// <remarks>
    /// A child inherits an ignored SIGINT, and .NET then leaves it ignored: a test run started in the background by a
    /// non-interactive shell (<c>( cmd &amp; )</c>) would see mmf run on past Ctrl+C. That is said here instead of
    /// showing up as a wrong exit code or a missing "stopped" line.
    /// </remarks>
    public void Interrupt()
    {
        if (SigIntIgnoredHere())
            throw new InvalidOperationException("SIGINT is ignored in this test process (inherited: it was started in the background by a " +
                "non-interactive shell), so the mmf child would ignore Ctrl+C too; run the tests in the foreground.");
        using var kill = Process.Start("kill", ["-INT", Pid.ToString()]);
        kill.WaitForExit();
    }

    // Bit 1 of /proc/self/status SigIgn is SIGINT (signal 2).
    private static bool SigIntIgnoredHere() =>
        File.Exists("/proc/self/status") && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line &&
        (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
