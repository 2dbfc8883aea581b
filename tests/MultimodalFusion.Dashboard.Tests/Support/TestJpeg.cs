using System.Diagnostics;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Dashboard.Tests.Support;

/// <summary>Real JPEG frames for tests, cut from the test media with Debian's ffmpeg.</summary>
internal static class TestJpeg
{
    /// <summary>The frame of media file <paramref name="mediaName"/> at <paramref name="at"/>, scaled to 640 wide, as JPEG bytes.</summary>
    public static async Task<byte[]> FrameAsync(string mediaName, TimeSpan at)
    {
        string input = RepoPaths.Media(mediaName);
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-hide_banner", "-loglevel", "error", "-ss", at.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
                     "-i", input, "-frames:v", "1", "-vf", "scale=640:-2", "-f", "image2", "-c:v", "mjpeg", "-q:v", "4", "pipe:1" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start; run bash tools/install-deps.sh.");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        await copy;
        if (process.ExitCode != 0 || output.Length < 1000)
            throw new InvalidOperationException($"ffmpeg could not cut a frame at {at} from {input} (exit {process.ExitCode}): {await errors}");
        return output.ToArray();
    }
}
