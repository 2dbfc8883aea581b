using System.CommandLine;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.Cli.Tests.Features;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>
/// Generates, once per test class, a tiny emotion dataset (Aff-Wild2 layout, 4 videos of 4 s at 10 fps, half of them in
/// Validation_Set), a tiny violence dataset (DVD layout, 2 clips of 4 s, one in val) and model folders: the test
/// extractors plus <c>va-fusion</c> and <c>expr-fusion</c>, plus <c>violence-fusion</c>, or extractors only.
/// </summary>
public sealed class EvalModelFixture : IDisposable
{
    public const double Fps = 10;
    public const int FramesPerVideo = 40;

    public EvalModelFixture()
    {
        Root = RepoPaths.NewTempDir("mmf-eval-model");
        Emotion = Path.Combine(Root, "emotion");
        Violence = Path.Combine(Root, "violence");
        VaModels = TestExtractorModels.Save(Path.Combine(Root, "models-va"));
        TestFusionModels.SaveVa(VaModels);
        TestFusionModels.SaveExpr(VaModels);
        VaFramesModels = TestExtractorModels.Save(Path.Combine(Root, "models-va-frames"));
        TestFusionModels.SaveVaFrames(VaFramesModels);
        ViolenceModels = TestExtractorModels.Save(Path.Combine(Root, "models-violence"));
        TestFusionModels.SaveViolence(ViolenceModels);
        ExtractorsOnly = TestExtractorModels.Save(Path.Combine(Root, "models-none"));
        var generator = new SynthGenerator();
        generator.Generate(Options(SynthTask.Emotion, Emotion, 4));
        generator.Generate(Options(SynthTask.Violence, Violence, 2));
    }

    public string Root { get; }

    public string Emotion { get; }

    public string Violence { get; }

    public string VaModels { get; }

    public string ViolenceModels { get; }

    /// <summary>Extractors and a VA model with a per-frame head (<see cref="TestFusionModels.SaveVaFrames"/>).</summary>
    public string VaFramesModels { get; }

    public string ExtractorsOnly { get; }

    private readonly SemaphoreSlim _emotionGate = new(1, 1);
    private string? _emotionCache;

    /// <summary>
    /// A va+expr feature cache of the emotion set's Validation_Set, written once by <c>mmf features</c> with the extractors
    /// only; <c>mmf eval --cache</c> resumes it for either emotion task.
    /// </summary>
    public async Task<string> EmotionCacheAsync()
    {
        await _emotionGate.WaitAsync();
        try
        {
            if (_emotionCache is null)
            {
                string cache = NewPath("emotion-cache");
                var (exit, output, error) = await SynthDatasetFixture.RunAsync("--data", Emotion, "--models", ExtractorsOnly, "--out", cache,
                    "--splits", AffWild2Splits.Validation);
                Assert.True(exit == 0, output + error);
                _emotionCache = cache;
            }
            return _emotionCache;
        }
        finally
        {
            _emotionGate.Release();
        }
    }

    /// <summary>A fresh folder path under the fixture's root (not created).</summary>
    public string NewPath(string name) => Path.Combine(Root, $"{name}-{Guid.NewGuid():N}");

    /// <summary>Runs <c>mmf eval ARGS</c> in-process through the parser; returns the exit code (2 on parse errors) and what it printed.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { EvalCommand.Create() };
        ParseResult parse = root.Parse(["eval", .. args]);
        if (parse.Errors.Count > 0)
            return (ExitCodes.Usage, "", string.Join("\n", parse.Errors.Select(e => e.Message)));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
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
        Seed = 11,
        ValidationFraction = 0.5,
        MaxParallelism = 2,
    };
}
