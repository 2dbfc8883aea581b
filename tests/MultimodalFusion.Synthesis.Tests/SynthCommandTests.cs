using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.Synthesis.Tests.Support;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary><c>mmf synth</c> end to end, as a child process of the built mmf.dll.</summary>
public sealed class SynthCommandTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);
    private readonly string _root = RepoPaths.NewTempDir("mmf-synth-cli");

    [Fact]
    public async Task WritesAnEmotionDataset()
    {
        string output = Path.Combine(_root, "emo");
        var (code, text) = await RunAsync("synth", "--task", "emotion", "--out", output, "--videos", "2", "--seconds", "6", "--seed", "3", "--size", "128x96", "--fps", "8");
        Assert.True(code == 0, text);
        Assert.Contains("Wrote 2 emotion videos", text);
        var manifest = SynthManifest.Read(Path.Combine(output, SynthManifest.FileName));
        Assert.Equal((SynthTask.Emotion, 3, 2, 48L), (manifest.Task, manifest.Seed, manifest.Counts.Videos, manifest.Counts.Frames / 2));
        Assert.Equal((128, 96, 8.0), (manifest.Settings.Width, manifest.Settings.Height, manifest.Settings.Fps));
        var layout = new AffWild2Layout(output);
        var entries = layout.Entries(AffWild2Challenge.VA, AffWild2Splits.Train).Concat(layout.Entries(AffWild2Challenge.VA, AffWild2Splits.Validation)).ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(48, VaFile.Read(e.AnnotationPath).FrameCount));
        Assert.All(manifest.Videos, v => Assert.True(File.Exists(Path.Combine(output, v.Audio)) && File.Exists(Path.Combine(output, v.Transcript))));
    }

    [Fact]
    public async Task WritesTheDemoClip()
    {
        var (code, text) = await RunAsync("synth", "--demo", "--out", _root);
        Assert.True(code == 0, text);
        foreach (string suffix in new[] { ".mp4", ".wav", ".srt", ".va.txt", ".expr.txt", ".json" })
            Assert.True(File.Exists(Path.Combine(_root, SynthDemo.BaseName + suffix)), $"{SynthDemo.BaseName}{suffix} missing:\n{text}");
        Assert.Equal(100, VaFile.Read(Path.Combine(_root, SynthDemo.BaseName + ".va.txt")).FrameCount);
        var manifest = SynthManifest.Read(Path.Combine(_root, SynthDemo.BaseName + ".json"));
        Assert.Equal(0, manifest.Counts.AmbiguousVideo + manifest.Counts.AmbiguousAudio + manifest.Counts.AmbiguousText);
        Assert.DoesNotContain(Directory.EnumerateDirectories(_root), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Theory]
    [InlineData("synth", "--task", "emotion", "--out", "x", "--size", "big")]
    [InlineData("synth", "--task", "sadness", "--out", "x")]
    [InlineData("synth", "--task", "violence", "--out", "x", "--videos", "0")]
    [InlineData("synth", "--out", "x")]
    [InlineData("synth", "--task", "emotion", "--out", "x", "--fps", "500")]
    public async Task BadUsageExitsWith2(params string[] args)
    {
        var (code, text) = await RunAsync(args);
        Assert.True(code == 2, $"exit {code}:\n{text}");
        Assert.Contains("mmf", text);
        Assert.False(Directory.Exists(Path.Combine(_root, "x")));
    }

    [Fact]
    public async Task HelpListsTheOptions()
    {
        var (code, text) = await RunAsync("synth", "--help");
        Assert.Equal(0, code);
        foreach (string option in new[] { "--task", "--out", "--videos", "--seconds", "--seed", "--size", "--fps", "--demo" })
            Assert.Contains(option, text);
    }

    private Task<(int Code, string Output)> RunAsync(params string[] args) => MmfRunner.RunAsync(_root, s_timeout, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException) { }
    }
}
