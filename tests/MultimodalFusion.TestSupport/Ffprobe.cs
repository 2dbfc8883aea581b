using System.Diagnostics;

namespace MultimodalFusion.TestSupport;

/// <summary>Asks Debian's ffprobe/ffmpeg how many frames of a video decode, and what went wrong decoding it.</summary>
public static class Ffprobe
{
    /// <summary>Frames of the first video stream that decode (ffprobe -count_frames); 0 when the file cannot be read.</summary>
    public static int DecodableFrames(string path)
    {
        var (exit, stdout, _) = Run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path);
        return exit == 0 && int.TryParse(stdout.Trim(), out int n) ? n : 0;
    }

    /// <summary>The codec name of the first video stream, or "" when unreadable.</summary>
    public static string Codec(string path) =>
        Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path).Stdout.Trim();

    /// <summary>ffmpeg's error output when decoding the whole file ("" for a clean file).</summary>
    public static string DecodeErrors(string path) => Run("ffmpeg", "-v", "error", "-i", path, "-f", "null", "-").Stderr.Trim();

    private static (int Exit, string Stdout, string Stderr) Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish in 60 s");
        }
        return (p.ExitCode, stdout, stderr.Result);
    }
}
