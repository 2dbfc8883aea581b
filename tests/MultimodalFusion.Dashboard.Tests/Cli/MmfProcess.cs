using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Dashboard.Tests.Cli;

/// <summary>The built <c>mmf</c> (beside the tests) as a real child process, its output collected; disposing kills what still runs.</summary>
internal sealed partial class MmfProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private MmfProcess(Process process) => _process = process;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet mmf.dll ARGS</c> in <paramref name="workingDirectory"/>, with the repository's sample media.</summary>
    public static MmfProcess Start(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mmf.dll"));
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["MMF_MEDIA"] = RepoPaths.MediaDir;
        var process = new Process { StartInfo = psi };
        var mmf = new MmfProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (mmf._stdout) mmf._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (mmf._stderr) mmf._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mmf;
    }

    /// <summary>Waits until stdout matches <paramref name="pattern"/> and returns the match; fails when mmf exits first.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = pattern.Match(Stdout);
            if (match.Success)
                return match;
            if (DateTime.UtcNow > deadline || _process.HasExited)
                throw new TimeoutException($"mmf printed nothing like '{pattern}' within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the exit (kills it after <paramref name="timeout"/> and fails) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
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

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal would (ignored when this test run inherited an ignored SIGINT).</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
