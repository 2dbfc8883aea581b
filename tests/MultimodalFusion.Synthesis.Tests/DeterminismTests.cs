using System.Security.Cryptography;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary>The same seed gives the same files, whatever the parallelism; another seed gives other files.</summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDir("mmf-synth-det");

    [Theory]
    [InlineData(SynthTask.Emotion)]
    [InlineData(SynthTask.Violence)]
    public void SameSeedGivesIdenticalFilesAndAnotherSeedDoesNot(SynthTask task)
    {
        var a = Options(task, "a", seed: 5, parallelism: 1);
        var b = Options(task, "b", seed: 5, parallelism: 2);
        var c = Options(task, "c", seed: 6, parallelism: 2);
        foreach (var options in new[] { a, b, c })
            new SynthGenerator().Generate(options);

        var hashesA = Hashes(a.OutputDirectory);
        var hashesB = Hashes(b.OutputDirectory);
        var hashesC = Hashes(c.OutputDirectory);
        // Label files, transcripts, audio, the manifest and every frame image.
        Assert.Contains(hashesA.Keys, k => k.EndsWith(".txt") || k.EndsWith(".csv"));
        Assert.Contains(hashesA.Keys, k => k.EndsWith(".jpg"));
        Assert.True(hashesA.Count > 2 * 80, $"only {hashesA.Count} files hashed");
        Assert.Equal(hashesA, hashesB);

        var labels = hashesA.Keys.Where(k => k.EndsWith(".txt") || k.EndsWith(".csv") || k.EndsWith(".srt") || k.EndsWith(".wav")).ToList();
        Assert.NotEmpty(labels);
        foreach (string file in labels)
            Assert.NotEqual(hashesA[file], hashesC.GetValueOrDefault(file));
        var sameFrames = hashesA.Keys.Where(k => k.EndsWith(".jpg")).Count(k => hashesA[k] == hashesC.GetValueOrDefault(k));
        Assert.Equal(0, sameFrames);
    }

    private SynthOptions Options(SynthTask task, string name, int seed, int parallelism) => new()
    {
        Task = task, OutputDirectory = Path.Combine(_root, name), Videos = 2, Duration = TimeSpan.FromSeconds(8),
        Seed = seed, MaxParallelism = parallelism, ValidationFraction = 0.5,
    };

    /// <summary>SHA-256 of every file except the .mp4 (the container is not promised to be byte-stable), by relative path.</summary>
    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".mp4", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException) { }
    }
}
