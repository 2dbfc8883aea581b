using System.Diagnostics;
using System.Text;

namespace MultimodalFusion.TestSupport;

/// <summary>A tools/ script or other helper process started by a test; killed (whole process group) on dispose.</summary>
/// <remarks>Output lines are kept so that a failing test can show them. Thread-safe.</remarks>
public sealed class ToolProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _readyLine;

    private ToolProcess(Process process, string? readyLine)
    {
        _process = process;
        _readyLine = readyLine;
    }

    /// <summary>Process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Everything it printed so far (stdout and stderr).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> and, when
    /// <paramref name="readyLine"/> is given, waits up to <paramref name="readyTimeout"/> for a line containing it.
    /// </summary>
    public static async Task<ToolProcess> StartAsync(string fileName, IEnumerable<string> arguments,
        string? readyLine = null, TimeSpan? readyTimeout = null, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
            psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment)
                psi.Environment[k] = v;
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var tool = new ToolProcess(process, readyLine);
        process.OutputDataReceived += (_, e) => tool.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => tool.OnLine(e.Data);
        process.Exited += (_, _) => tool._ready.TrySetException(new InvalidOperationException($"{fileName} exited with {SafeExitCode(process)} before it was ready:\n{tool.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (readyLine is null)
            tool._ready.TrySetResult();
        var timeout = readyTimeout ?? TimeSpan.FromSeconds(30);
        if (await Task.WhenAny(tool._ready.Task, Task.Delay(timeout)) != tool._ready.Task)
        {
            await tool.DisposeAsync();
            throw new TimeoutException($"{fileName} printed no '{readyLine}' within {timeout}:\n{tool.Output}");
        }
        await tool._ready.Task;
        return tool;
    }

    /// <summary>Sends a POSIX signal (e.g. "STOP", "CONT", "KILL") to the process.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Pid.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>Kills the process tree and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                Signal("CONT");
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException) { }
        catch (OperationCanceledException) { }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (_readyLine is not null && line.Contains(_readyLine, StringComparison.Ordinal))
            _ready.TrySetResult();
    }

    private static string SafeExitCode(Process p)
    {
        try { return p.ExitCode.ToString(); } catch (InvalidOperationException) { return "?"; }
    }
}
