using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Sources;

namespace MultimodalFusion.Capture.Video;

/// <summary>One ffmpeg child process of an <see cref="FfmpegVideoSource"/> run: started, its stderr pumped, killed and reaped.</summary>
/// <remarks>Owned by one run; <see cref="Dispose"/> kills it if it still runs. <see cref="Kill"/> is safe from any thread, any number of times.</remarks>
internal sealed class FfmpegProcess : IDisposable
{
    private static readonly TimeSpan s_exitWait = TimeSpan.FromSeconds(5);
    private readonly Process _process;

    private FfmpegProcess(Process process) => _process = process;

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>ffmpeg's stdout: the raw frames.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>
    /// Starts <paramref name="ffmpegPath"/> with <paramref name="arguments"/>; a missing executable is a
    /// non-transient <see cref="SourceException"/> for <paramref name="sourceDescription"/>.
    /// </summary>
    public static FfmpegProcess Start(string ffmpegPath, IEnumerable<string> arguments, string sourceDescription)
    {
        var psi = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string a in arguments)
            psi.ArgumentList.Add(a);
        try
        {
            return new FfmpegProcess(Process.Start(psi) ?? throw new Win32Exception("Process.Start returned null."));
        }
        catch (Win32Exception ex)
        {
            throw new SourceException(sourceDescription, $"cannot start '{ffmpegPath}' ({ex.Message}); install ffmpeg (Debian: apt-get install ffmpeg) or set {nameof(FfmpegVideoSourceOptions.FfmpegPath)}.", isTransient: false, ex);
        }
    }

    /// <summary>Feeds every stderr line to <paramref name="log"/> (and the debug log) until ffmpeg closes it, then completes the log.</summary>
    public async Task PumpStderrAsync(FfmpegLog log, ILogger logger, string sourceDescription)
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                log.Add(line);
                logger.LogDebug("{Source}: ffmpeg: {Line}", sourceDescription, Core.Diagnostics.CredentialRedactor.Redact(line));
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            log.Complete();
        }
    }

    /// <summary>Waits up to 5 s for ffmpeg to exit; its exit code, or null if it still runs.</summary>
    public async Task<int?> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(s_exitWait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Kills ffmpeg (its whole process tree) if it still runs; closing its stdout ends any pending read.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }   // already gone
        catch (Win32Exception) { }              // exiting while we kill it
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
