namespace MultimodalFusion.TestSupport;

/// <summary>Where the repository, its tools/ scripts and the test media (tools/fetch-media.sh) are.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root (the folder holding MultimodalFusion.Realtime.sln).</summary>
    public static string Root => s_root.Value;

    /// <summary>The tools/ folder.</summary>
    public static string Tools => Path.Combine(Root, "tools");

    /// <summary>The media folder: $MMF_MEDIA, else .media/ under the root.</summary>
    public static string MediaDir => Environment.GetEnvironmentVariable("MMF_MEDIA") is { Length: > 0 } m ? m : Path.Combine(Root, ".media");

    /// <summary>The full path of a media file, failing with the fix when it is missing.</summary>
    public static string Media(string name)
    {
        string path = Path.Combine(MediaDir, name);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"Test media '{name}' is missing from {MediaDir}; run tools/install-deps.sh && tools/fetch-media.sh (the README's test command does).", path);
        return path;
    }

    /// <summary>A fresh temporary folder for one test.</summary>
    public static string NewTempDir(string prefix = "mmf-test")
    {
        string dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        var baked = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "MultimodalFusion.Realtime.sln")))
            return baked;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MultimodalFusion.Realtime.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No MultimodalFusion.Realtime.sln above {AppContext.BaseDirectory}.");
    }
}
