using System.CommandLine;
using System.Globalization;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.Cli.Tests.Features;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Violence;

/// <summary><c>mmf violence --models DIR</c> (image extractor + violence fusion model) and <c>--scores FILE</c>.</summary>
public sealed class ViolenceModelsOptionTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-cli-violence-models");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_models_folder_runs_its_extractor_into_its_fusion_model_and_scores_go_to_the_csv_one_line_per_frame()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string models = TestExtractorModels.Save(Path.Combine(_dir, "models"), clip: false, audio: false);
        ViolenceTestMedia.WriteFusionModel(Path.Combine(models, "violence.onnx"), TestExtractorModels.ImageFeatures);
        string config = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(config, ViolenceTestMedia.ConfigJson());
        string scores = Path.Combine(_dir, "scores", "frames.csv");

        var (exit, output, error) = await RunAsync("--config", config, "--source", clip, "--models", models, "--scores", scores,
            "--out", Path.Combine(_dir, "out"));

        Assert.True(exit == 0, $"exit {exit}: {error}");
        // The start-up log says which models run.
        string log = string.Concat(Directory.GetFiles(Path.Combine(_dir, "logs"), "mmf-*.log").Select(File.ReadAllText));
        Assert.Contains("on image extractor image (", log);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("utc,camera,score", lines[0]);
        Assert.Equal(ViolenceTestMedia.Frames, lines.Length - 1);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal("cam1", r[1]));
        var times = rows.Select(r => DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        // The file camera's frames are 100 ms apart on the media clock.
        Assert.InRange((times[^1] - times[0]).TotalSeconds, 11.8, 12.0);
        Assert.All(rows, r => Assert.InRange(float.Parse(r[2], CultureInfo.InvariantCulture), 0f, 1f));
    }

    [Fact]
    public async Task A_models_folder_without_a_violence_model_exits_2_saying_what_it_holds()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string models = TestExtractorModels.Save(Path.Combine(_dir, "models"), clip: false, audio: false);
        string config = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(config, ViolenceTestMedia.ConfigJson());

        var (exit, _, error) = await RunAsync("--config", config, "--source", clip, "--models", models, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(2, exit);
        Assert.Contains("no violence fusion model (role 'fusion', task 'violence')", error);
        Assert.Contains("image.onnx (image, features)", error);
        Assert.Contains("--model FILE", error);

        var (noFolder, _, noFolderError) = await RunAsync("--config", config, "--source", clip, "--models", Path.Combine(_dir, "nowhere"),
            "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, noFolder);
        Assert.Contains("nowhere", noFolderError);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { ViolenceCommand.Create() };
        ParseResult parse = root.Parse(["violence", "--log-dir", Path.Combine(_dir, "logs"), .. args]);
        Assert.Empty(parse.Errors);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).WaitAsync(TimeSpan.FromMinutes(3));
        return (exit, output.ToString(), error.ToString());
    }
}
