using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace MultimodalFusion.Apps.Clips;

/// <summary>Runs ffmpeg or ffprobe to completion for the clip files (probe, remux, join) and returns what it printed.</summary>
/// <remarks>
/// Stateless and thread-safe. The tool is killed (with its children) when it runs past the timeout; nothing it
/// writes is trusted unless it exits 0. Both output streams are read while it runs so a chatty tool never blocks.
/// </remarks>
internal static class ClipTool
{
    /// <summary>Everything a finished tool run returned.</summary>
    public readonly record struct Result(int ExitCode, string Stdout, string Stderr)
    {
        public bool Ok => ExitCode == 0;

        /// <summary>The last lines of stderr, for error messages.</summary>
        public string StderrTail => Tail(Stderr, 6);
    }

    /// <summary>
    /// Runs <paramref name="exe"/> with <paramref name="arguments"/>; throws <see cref="IOException"/> naming
    /// <paramref name="what"/> when it cannot start or runs past <paramref name="timeout"/>.
    /// </summary>
    public static Result Run(string exe, IEnumerable<string> arguments, TimeSpan timeout, string what)
    {
        using var process = new Process { StartInfo = StartInfo(exe, arguments, redirectInput: false) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        Start(process, exe, what);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(TimeSpan.FromSeconds(5));
            throw new IOException($"{Path.GetFileName(exe)} did not finish {what} within {timeout.TotalSeconds:0} s; killed it.");
        }
        process.WaitForExit(); // flushes the asynchronous readers
        lock (stdout) lock (stderr)
            return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Start info for <paramref name="exe"/>: no shell, output (and optionally input) redirected.</summary>
    public static ProcessStartInfo StartInfo(string exe, IEnumerable<string> arguments, bool redirectInput)
    {
        var psi = new ProcessStartInfo(exe)
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in arguments)
            psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Starts <paramref name="process"/>; a missing executable becomes an <see cref="IOException"/> that says how to fix it.</summary>
    public static void Start(Process process, string exe, string what)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new IOException($"Cannot start '{exe}' for {what}: {ex.Message}. Install ffmpeg (Debian: apt-get install ffmpeg; `mmf doctor` checks it) " +
                "or set EventClipRecorderOptions.FfmpegPath/FfprobePath.", ex);
        }
    }

    /// <summary>The last <paramref name="lines"/> non-empty lines of <paramref name="text"/>, joined by " | ".</summary>
    public static string Tail(string text, int lines) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
}
