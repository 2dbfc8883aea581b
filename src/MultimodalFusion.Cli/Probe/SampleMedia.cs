using MultimodalFusion.Capture;

namespace MultimodalFusion.Cli.Probe;

/// <summary>The sample media that <c>tools/fetch-media.sh</c> puts into <c>.media/</c>, used when no source is given.</summary>
internal static class SampleMedia
{
    /// <summary>Megamind.avi (an animated face, 11 s), speech laid under it, and its transcript.</summary>
    public static IReadOnlyList<SourceSpec> DefaultSources()
    {
        string dir = FindMediaDir();
        return new[] { "Megamind.avi", "demo-speech.wav", "demo.srt" }
            .Select(name => SourceSpec.Parse(Path.Combine(dir, name)))
            .ToList();
    }

    /// <summary>$MMF_MEDIA, or the first <c>.media/</c> above the working directory or the program.</summary>
    public static string FindMediaDir()
    {
        if (Environment.GetEnvironmentVariable("MMF_MEDIA") is { Length: > 0 } configured)
            return configured;
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, ".media");
                if (File.Exists(Path.Combine(candidate, ".stamp")))
                    return candidate;
            }
        }
        throw new FileNotFoundException(
            "No sources were given and the sample media is missing: run 'bash tools/fetch-media.sh' (run.ps1 demo does), set MMF_MEDIA, or name sources.");
    }
}
