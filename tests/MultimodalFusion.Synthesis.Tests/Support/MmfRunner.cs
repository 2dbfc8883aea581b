using System.Diagnostics;

namespace MultimodalFusion.Synthesis.Tests.Support;

/// <summary>Runs the built mmf.dll (copied beside the tests through the CLI project reference) as a child process.</summary>
internal static class MmfRunner
{
    /// <summary>Runs <c>dotnet mmf.dll ARGS</c> in <paramref name="workingDirectory"/>; returns the exit code and stdout + stderr.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mmf.dll"));
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mmf {string.Join(' ', args)} did not finish within {timeout}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
