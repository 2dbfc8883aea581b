using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Manifests;

/// <summary>Loads <c>name.onnx</c> with its manifest <c>name.json</c>: checks the hash, creates the session, validates the contract.</summary>
/// <remarks>Thread-safe. Any failure throws <see cref="ModelLoadException"/> naming the file and every mismatch found.</remarks>
public sealed class ModelLoader
{
    private readonly OnnxSessionFactory _sessions;
    private readonly ILogger _logger;

    /// <summary>Creates a loader over <paramref name="sessions"/> (a default CPU factory when null).</summary>
    public ModelLoader(OnnxSessionFactory? sessions = null, ILogger<ModelLoader>? logger = null)
    {
        _sessions = sessions ?? new OnnxSessionFactory();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Loads and validates one model; the caller owns (disposes) the result.</summary>
    public LoadedModel Load(string modelPath, OrtSessionOptions? options = null)
    {
        var manifest = ModelManifest.Load(ModelManifest.PathFor(modelPath));
        if (!File.Exists(modelPath))
            throw new ModelLoadException(modelPath, "model file not found.");
        string actualHash = Sha256Of(modelPath);
        if (string.IsNullOrEmpty(manifest.Sha256))
            throw new ModelLoadException(modelPath, $"sha256: manifest has none, file has '{actualHash}'.");
        if (!string.Equals(manifest.Sha256, actualHash, StringComparison.OrdinalIgnoreCase))
            throw new ModelLoadException(modelPath, $"sha256: manifest says '{manifest.Sha256}', file has '{actualHash}'.");

        var session = _sessions.Create(modelPath, options);
        var problems = ManifestValidator.Validate(manifest, session.Session);
        if (problems.Count > 0)
        {
            session.Dispose();
            throw new ModelLoadException(modelPath, "graph does not match its manifest: " + string.Join("; ", problems));
        }
        _logger.LogInformation("Model {Name} ({Role}) loaded from {Path}", manifest.Name, manifest.Role, modelPath);
        return new LoadedModel(manifest, session);
    }

    /// <summary>Lower-case hex SHA-256 of a file (the value a manifest's <c>sha256</c> holds).</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
