using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Manifests;

/// <summary>A validated model: its manifest and its session. Owns the session; dispose once.</summary>
public sealed class LoadedModel(ModelManifest manifest, ModelSession session) : IDisposable
{
    /// <summary>The manifest the graph was checked against.</summary>
    public ModelManifest Manifest { get; } = manifest;

    /// <summary>The session; valid until this object is disposed.</summary>
    public ModelSession Session { get; } = session;

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
