using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary>Generating again into the same folder replaces the earlier synthetic dataset and nothing else.</summary>
public sealed class RerunTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDir("mmf-synth-rerun");

    [Fact]
    public void ASmallerRerunLeavesNoStaleVideosAndKeepsForeignFiles()
    {
        string foreign = Path.Combine(_root, "notes.txt");
        File.WriteAllText(foreign, "mine");
        var first = new SynthOptions { OutputDirectory = _root, Videos = 3, Duration = TimeSpan.FromSeconds(4), Seed = 1, ValidationFraction = 0 };
        new SynthGenerator().Generate(first);
        Assert.Equal(3, new AffWild2Layout(_root).Entries(AffWild2Challenge.VA, AffWild2Splits.Train).Count);

        new SynthGenerator().Generate(first with { Videos = 1, Seed = 2 });

        var layout = new AffWild2Layout(_root);
        var entries = layout.Entries(AffWild2Challenge.VA, AffWild2Splits.Train);
        Assert.Equal(["emotion-0001"], entries.Select(e => e.Name.Name));
        Assert.Equal(["emotion-0001"], Directory.EnumerateDirectories(layout.CroppedAlignedDirectory).Select(Path.GetFileName));
        Assert.Single(Directory.EnumerateFiles(layout.VideosDirectory));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_root, "audio")));
        Assert.Equal(2, SynthManifest.Read(Path.Combine(_root, SynthManifest.FileName)).Seed);
        Assert.Equal("mine", File.ReadAllText(foreign));
    }

    [Fact]
    public void AManifestPointingOutsideTheFolderIsRefused()
    {
        var options = new SynthOptions { OutputDirectory = Path.Combine(_root, "data"), Videos = 1, Duration = TimeSpan.FromSeconds(4) };
        new SynthGenerator().Generate(options);
        string manifest = Path.Combine(options.OutputDirectory, SynthManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"audio/emotion-0001.wav\"", "\"../outside.wav\""));
        string outside = Path.Combine(_root, "outside.wav");
        File.WriteAllText(outside, "keep");

        var e = Assert.Throws<InvalidDataException>(() => new SynthGenerator().Generate(options));
        Assert.Contains("../outside.wav", e.Message);
        Assert.Equal("keep", File.ReadAllText(outside));
        // Nothing of the earlier dataset was removed either.
        Assert.True(File.Exists(Path.Combine(options.OutputDirectory, "videos", "emotion-0001.mp4")));
        Assert.Single(new AffWild2Layout(options.OutputDirectory).Entries(AffWild2Challenge.VA, AffWild2Splits.Train));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException) { }
    }
}
