using System.Security.Cryptography;

namespace MultimodalFusion.Datasets.Cache;

/// <summary>Which extractor model produced a modality's features: recorded so a cache is never mixed across models.</summary>
/// <param name="Name">Model name (its manifest name or file name).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the model file.</param>
/// <param name="Modality">The modality it fed, or null when it fed several.</param>
public sealed record ExtractorProvenance(string Name, string Sha256, string? Modality = null)
{
    /// <summary>Provenance of the model file at <paramref name="path"/>: its SHA-256, named <paramref name="name"/> (default: the file name).</summary>
    public static ExtractorProvenance FromFile(string path, string? name = null, string? modality = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"extractor model not found: {path}", path);
        using var stream = File.OpenRead(path);
        string sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ExtractorProvenance(name ?? Path.GetFileName(path), sha, modality);
    }
}
