using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Synthesis.Tests.Support;

/// <summary>One small emotion dataset and one small violence dataset, generated once for the whole collection.</summary>
public sealed class SynthDataFixture : IDisposable
{
    public SynthDataFixture()
    {
        Root = RepoPaths.NewTempDir("mmf-synth");
        Emotion = new SynthOptions
        {
            Task = SynthTask.Emotion, OutputDirectory = Path.Combine(Root, "emotion"), Videos = 4,
            Duration = TimeSpan.FromSeconds(20), Seed = 11,
        };
        Violence = new SynthOptions
        {
            Task = SynthTask.Violence, OutputDirectory = Path.Combine(Root, "violence"), Videos = 3,
            Duration = TimeSpan.FromSeconds(30), Seed = 12,
        };
        EmotionManifest = new SynthGenerator().Generate(Emotion);
        ViolenceManifest = new SynthGenerator().Generate(Violence);
    }

    /// <summary>Temporary root holding both datasets.</summary>
    public string Root { get; }

    public SynthOptions Emotion { get; }

    public SynthOptions Violence { get; }

    public SynthManifest EmotionManifest { get; }

    public SynthManifest ViolenceManifest { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException) { }
    }
}
