namespace MultimodalFusion.Datasets.Cache;

/// <summary>Which extractor model produced a modality's features: recorded so a cache is never mixed across models.</summary>
/// <param name="Name">Model name (its manifest name or file name).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the model file.</param>
/// <param name="Modality">The modality it fed, or null when it fed several.</param>
public sealed record ExtractorProvenance(string Name, string Sha256, string? Modality = null);
