using MultimodalFusion.Inference.Manifests;
using System.CommandLine;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Cli.Commands;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Violence;

public sealed class ViolenceCommandTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-cli-violence");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_scripted_violent_segment_prints_one_start_and_one_end_and_leaves_the_store_and_a_clip()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string model = ViolenceTestMedia.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        string config = Write("appsettings.json", ViolenceTestMedia.ConfigJson());
        string outDir = Path.Combine(_dir, "out");

        var (exit, output, error) = await RunAsync("--config", config, "--source", clip, "--model", model, "--out", outDir);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var start = Assert.Single(lines, l => l.Contains(" cam1 violence start ", StringComparison.Ordinal));
        var end = Assert.Single(lines, l => l.Contains(" cam1 violence end ", StringComparison.Ordinal));
        Assert.Equal(start.Split(' ')[4], end.Split(' ')[4]); // same event id
        Assert.Equal(2, lines.Count(l => l.Contains(" violence ", StringComparison.Ordinal)));
        Assert.Contains("2 transition(s)", output);

        string db = Path.Combine(outDir, "data", "events.db");
        Assert.True(File.Exists(db));
        using (var store = new SqliteEventStore(db, ["jsonl"]))
            Assert.Equal(2, store.GetEvents("cam1").Count);
        var mp4 = Assert.Single(Directory.GetFiles(Path.Combine(outDir, "clips", "cam1"), "*.mp4"));
        Assert.True(new FileInfo(mp4).Length > 1000, $"clip {mp4} is {new FileInfo(mp4).Length} bytes");
        Assert.Single(Directory.GetFiles(Path.Combine(outDir, "clips", "cam1"), "*.jpg"));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Length); // flushed before exit
    }

    [Fact]
    public async Task Duration_stops_a_realtime_run_gracefully_and_the_open_event_still_gets_a_finished_clip()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string model = ViolenceTestMedia.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        string config = Write("appsettings.json", ViolenceTestMedia.ConfigJson());
        string outDir = Path.Combine(_dir, "out");

        // 12 s of video played at real time, stopped after 7 s: the event that starts at 3 s is seen, the file's end is not.
        var (exit, output, error) = await RunAsync("--config", config, "--source", clip, "--model", model, "--out", outDir,
            "--realtime", "--duration", "7s");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Single(output.Split('\n'), l => l.Contains(" cam1 violence start ", StringComparison.Ordinal));
        Assert.InRange(output.Split('\n').Count(l => l.Contains(" cam1 violence end ", StringComparison.Ordinal)), 0, 1);
        var mp4 = Assert.Single(Directory.GetFiles(Path.Combine(outDir, "clips", "cam1"), "*.mp4"));
        using var capture = new OpenCvSharp.VideoCapture(mp4);
        Assert.True(capture.IsOpened(), $"{mp4} was not finished");
        Assert.True(capture.FrameCount > 10, $"{mp4} has {capture.FrameCount} frames");
    }

    [Fact]
    public async Task A_bad_value_in_the_config_file_exits_2_naming_each_key()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string model = ViolenceTestMedia.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        string config = Write("bad.json", ViolenceTestMedia.ConfigJson()
            .Replace("\"Threshold\": 0.8", "\"Threshold\": 1.5", StringComparison.Ordinal)
            .Replace("\"FramesToStart\": 3", "\"FramesToStart\": 0", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("--config", config, "--source", clip, "--model", model, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(2, exit);
        Assert.Contains("Profiles:Violence.Threshold", error);
        Assert.Contains("1.5", error);
        Assert.Contains("Profiles:Violence.FramesToStart", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public async Task A_missing_model_a_missing_source_or_a_missing_config_file_exits_2_naming_it()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string model = ViolenceTestMedia.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        string config = Write("appsettings.json", ViolenceTestMedia.ConfigJson());
        string outDir = Path.Combine(_dir, "out");

        var noModel = await RunAsync("--config", config, "--source", clip, "--model", Path.Combine(_dir, "no-such-model.onnx"), "--out", outDir);
        Assert.Equal(2, noModel.Exit);
        Assert.Contains("no-such-model.onnx", noModel.Error);

        var noSource = await RunAsync("--config", config, "--source", Path.Combine(_dir, "no-such-clip.avi"), "--model", model, "--out", outDir);
        Assert.Equal(2, noSource.Exit);
        Assert.Contains("Cameras[0].Url", noSource.Error);
        Assert.Contains("no-such-clip.avi", noSource.Error);

        var noConfig = await RunAsync("--config", Path.Combine(_dir, "no-such-settings.json"), "--source", clip, "--model", model, "--out", outDir);
        Assert.Equal(2, noConfig.Exit);
        Assert.Contains("no-such-settings.json", noConfig.Error);

        var noCamera = await RunAsync("--config", config, "--model", model, "--out", outDir);
        Assert.Equal(2, noCamera.Exit);
        Assert.Contains("Cameras: at least one camera", noCamera.Error);
    }

    [Fact]
    public async Task A_model_that_is_not_onnx_exits_1_naming_the_file()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string config = Write("appsettings.json", ViolenceTestMedia.ConfigJson());
        string broken = Write("broken.onnx", "this is not a protobuf");
        // A manifest that matches the file's hash, so the failure is ONNX Runtime refusing the bytes.
        new ModelManifest
        {
            Name = "broken", Role = "fusion", Task = "violence",
            Inputs = [new TensorSpec { Name = "video", Shape = [(ManifestDim)1L, (ManifestDim)"t", (ManifestDim)3L] }],
            Outputs = [new TensorSpec { Name = "violence_frames", Shape = [(ManifestDim)1L, (ManifestDim)"t", (ManifestDim)2L] }],
            Sha256 = ModelLoader.Sha256Of(broken),
        }.Save(ModelManifest.PathFor(broken));

        var (exit, _, error) = await RunAsync("--config", config, "--source", clip, "--model", broken, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(1, exit);
        Assert.Contains("broken.onnx", error);
    }

    [Fact]
    public async Task A_camera_that_cannot_be_decoded_exits_1_while_the_other_camera_runs_to_the_end()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string model = ViolenceTestMedia.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        string config = Write("appsettings.json", ViolenceTestMedia.ConfigJson());

        var (exit, output, error) = await RunAsync("--config", config, "--source", clip, "--source", RepoPaths.Media("corrupt.mp4"),
            "--model", model, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(1, exit);
        Assert.Contains("camera cam2", error);
        Assert.Contains("corrupt.mp4", error);
        Assert.Single(output.Split('\n'), l => l.Contains(" cam1 violence end ", StringComparison.Ordinal));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
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
