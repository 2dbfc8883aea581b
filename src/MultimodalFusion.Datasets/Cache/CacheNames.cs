namespace MultimodalFusion.Datasets.Cache;

/// <summary>File and folder names inside a cache, and the checks that keep ids from escaping their folder.</summary>
internal static class CacheNames
{
    public const string FrameTimestamps = "frames.t.npy";
    public const string Va = "va.npy";
    public const string Expr = "expr.npy";
    public const string Violence = "violence.npy";
    public const string TempPrefix = ".tmp-";

    private static readonly string[] s_reserved = ["frames", "va", "expr", "violence"];

    public static string Features(string modality) => modality + ".npy";

    public static string Timestamps(string modality) => modality + ".t.npy";

    public static string VideoDirectory(string cacheDirectory, string split, string id) => Path.Combine(cacheDirectory, split, id);

    /// <summary>A split or id: one path segment, not hidden (temp folders start with '.'), no invalid characters.</summary>
    public static bool IsFolderName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name[0] != '.' && name.Trim() == name
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name.IndexOfAny(['/', '\\', ':']) < 0;

    /// <summary>A modality: letters, digits, '_' and '-', not a reserved label file stem.</summary>
    public static bool IsModalityName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
        && !s_reserved.Contains(name, StringComparer.OrdinalIgnoreCase);
}
