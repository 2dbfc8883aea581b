using System.CommandLine;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.Synthesis;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Features;

/// <summary>
/// Generates, once per test class, a tiny emotion dataset (Aff-Wild2 layout: 3 videos of 4 s at 10 fps, 64x64, with
/// 48x48 face crops, WAV and SRT), a tiny violence dataset (DVD layout: 1 clip of 4 s) and the test extractor models.
/// </summary>
public sealed class SynthDatasetFixture : IDisposable
{
    public const int EmotionVideos = 3, FramesPerVideo = 40;
    public const double Fps = 10;

    public SynthDatasetFixture()
    {
        Root = RepoPaths.NewTempDir("mmf-features");
        Emotion = Path.Combine(Root, "emotion");
        Violence = Path.Combine(Root, "violence");
        Models = TestExtractorModels.Save(Path.Combine(Root, "models"));
        var generator = new SynthGenerator();
        generator.Generate(Options(SynthTask.Emotion, Emotion, EmotionVideos));
        generator.Generate(Options(SynthTask.Violence, Violence, 1));
    }

    public string Root { get; }

    public string Emotion { get; }

    public string Violence { get; }

    public string Models { get; }

    private readonly SemaphoreSlim _emotionGate = new(1, 1);
    private (string Cache, int Exit, string Out, string Error)? _emotionCache;

    /// <summary>The emotion dataset's cache, built by the first caller with <c>mmf features</c> and shared.</summary>
    public async Task<(string Cache, int Exit, string Out, string Error)> EmotionCacheAsync()
    {
        await _emotionGate.WaitAsync();
        try
        {
            if (_emotionCache is null)
            {
                string cache = Path.Combine(NewDir("emotion-cache"), "cache");
                var (exit, output, error) = await RunAsync("--data", Emotion, "--models", Models, "--out", cache);
                _emotionCache = (cache, exit, output, error);
            }
            return _emotionCache.Value;
        }
        finally
        {
            _emotionGate.Release();
        }
    }

    /// <summary>A fresh folder under the fixture's root.</summary>
    public string NewDir(string name)
    {
        string dir = Path.Combine(Root, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs <c>mmf features ARGS</c> in-process; returns the exit code and what it printed.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { FeaturesCommand.Create() };
        ParseResult parse = root.Parse(["features", .. args]);
        Assert.Empty(parse.Errors);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Copies a dataset folder recursively (to damage one file of the copy).</summary>
    public static void CopyDirectory(string from, string to)
    {
        foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static SynthOptions Options(SynthTask task, string dir, int videos) => new()
    {
        Task = task,
        OutputDirectory = dir,
        Videos = videos,
        Duration = TimeSpan.FromSeconds(FramesPerVideo / Fps),
        Width = 64,
        Height = 64,
        CropSize = 48,
        Fps = Fps,
        Seed = 7,
        ValidationFraction = 0.34,
        MaxParallelism = 2,
    };
}
