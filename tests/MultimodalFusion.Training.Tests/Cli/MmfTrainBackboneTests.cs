using System.Text.Json.Nodes;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Training.Cli;
using NAudio.Wave;
using OpenCvSharp;

namespace MultimodalFusion.Training.Tests.Cli;

/// <summary>
/// <c>mmf-train backbone</c> in process on a tiny DVD-layout dataset written here (JPEG frames, label CSVs, WAVs):
/// an image and an audio extractor learn a visible / audible difference (held-out macro-F1 >= 0.9 on another
/// "seed"), export through ModelLoader with the right role and window; bad options are exit 2, a missing folder exit 1.
/// </summary>
public sealed class MmfTrainBackboneTests : IDisposable
{
    private const int Fps = 10, Frames = 40, SampleRate = 16_000;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-train-backbone-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await MmfTrain.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Violent seconds show a bright square at a random place and sound as loud noise; calm ones are dark and hum quietly.</summary>
    private string WriteDvd(string name, int seed)
    {
        string root = Path.Combine(_directory, name);
        var random = new Random(seed);
        foreach (var (split, videos) in new[] { ("train", 4), ("val", 2) })
            for (int v = 0; v < videos; v++)
            {
                string video = $"clip-{v:D2}";
                int[] labels = Enumerable.Range(0, Frames).Select(i => (i / Fps + v) % 2).ToArray();
                string frames = Directory.CreateDirectory(Path.Combine(root, split, "frames", video)).FullName;
                for (int i = 0; i < Frames; i++)
                {
                    using var image = new Mat(48, 48, MatType.CV_8UC3, new Scalar(40 + random.Next(30), 30, 30));
                    if (labels[i] == 1)
                    {
                        int x = random.Next(0, 24), y = random.Next(0, 24);
                        image.Rectangle(new Rect(x, y, 24, 24), new Scalar(random.Next(200, 255), 255, 255), -1);
                    }
                    Cv2.ImWrite(Path.Combine(frames, $"{i + 1:D5}.jpg"), image);
                }
                Directory.CreateDirectory(Path.Combine(root, split, "labels"));
                File.WriteAllLines(Path.Combine(root, split, "labels", video + ".csv"),
                    ["Frame_Number,Label", .. labels.Select((l, i) => $"{i + 1},{l}")]);
                Directory.CreateDirectory(Path.Combine(root, split, "audio"));
                using var wav = new WaveFileWriter(Path.Combine(root, split, "audio", video + ".wav"), new WaveFormat(SampleRate, 16, 1));
                var samples = new float[Frames * SampleRate / Fps];
                for (int s = 0; s < samples.Length; s++)
                    samples[s] = labels[s * Fps / SampleRate] == 1
                        ? 0.6f * (float)(random.NextDouble() * 2 - 1)
                        : 0.02f * MathF.Sin(2 * MathF.PI * 220 * s / SampleRate);
                wav.WriteSamples(samples, 0, samples.Length);
            }
        return root;
    }

    [Theory]
    [InlineData("image", "image")]
    [InlineData("audio", "audio")]
    public async Task LearnsTheDifferenceAndExportsARuntimeExtractor(string kind, string role)
    {
        string data = WriteDvd("seed1", 1), heldOut = WriteDvd("seed2", 2), outDir = Path.Combine(_directory, "out-" + kind);
        var (code, output, error) = await Run("backbone", "--kind", kind, "--task", "violence", "--data", data, "--held-out", heldOut,
            "--out", outDir, "--epochs", "12", "--size", "32", "--frame-step", "1", "--name", "test-" + kind);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("model ", output);

        using var loaded = new ModelLoader().Load(Path.Combine(outDir, $"test-{kind}.onnx"));
        Assert.Equal(role, loaded.Manifest.Role);
        Assert.Equal("features", Assert.Single(loaded.Manifest.Outputs).Name);
        if (kind == "audio")
            Assert.Equal(TimeSpan.FromSeconds(1), loaded.Manifest.Window!.Length);
        else
            Assert.Equal(32, loaded.Manifest.Preprocessing!.Width);
        double heldOutF1 = loaded.Manifest.Provenance!["heldOut"]!["macroF1"]!.GetValue<double>();
        Assert.True(heldOutF1 >= 0.9, $"held-out macro-F1 {heldOutF1}");

        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")))!;
        Assert.Equal(heldOutF1, metrics["heldOut"]!["macroF1"]!.GetValue<double>(), 6);
        Assert.True(File.Exists(Path.Combine(outDir, "checkpoint", $"test-{kind}.pt")));
    }

    [Fact]
    public async Task BadUsageIsExit2AndAMissingFolderExit1()
    {
        var (code, _, error) = await Run("backbone", "--kind", "video", "--task", "violence", "--data", _directory, "--out", _directory);
        Assert.Equal(2, code);
        Assert.Contains("--kind", error);

        string missing = Path.Combine(_directory, "no-such-dataset");
        (code, _, error) = await Run("backbone", "--kind", "image", "--task", "violence", "--data", missing, "--out", Path.Combine(_directory, "o"));
        Assert.Equal(1, code);
        Assert.Contains(missing, error);
    }
}
