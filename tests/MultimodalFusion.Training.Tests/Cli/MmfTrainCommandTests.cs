using System.Text.Json.Nodes;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Training.Cli;
using MultimodalFusion.Training.Tests.Data;

namespace MultimodalFusion.Training.Tests.Cli;

/// <summary>
/// <c>mmf-train</c> in process on a tiny violence cache: train, resume, export write their files with exit 0; a bad
/// option value is exit 2 naming the option; a missing cache folder is exit 1 naming the path.
/// </summary>
public sealed class MmfTrainCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-train-cli-" + Guid.NewGuid().ToString("N"));

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

    private string WriteCache()
    {
        string cache = Path.Combine(_directory, "cache");
        var writer = FeatureCacheWriter.Open(cache, new FeatureCacheManifest
        {
            Task = "violence", Modalities = [new("video", 3, 10), new("audio", 2, 4)], SourceDataset = "generated (test)",
        });
        for (int v = 0; v < 7; v++)
        {
            // Alternating calm and violent stretches of 1 s; video rows follow the label (so there is something to learn).
            int[] labels = Enumerable.Range(0, 40).Select(i => (i / 10 + v) % 2).ToArray();
            var video = FeatureCacheWindowsTests.Video(v < 5 ? "train" : "validation", $"v{v}", 40, audio: v % 3 != 0, violence: labels);
            var rows = video.Features["video"];
            for (int i = 0; i < 40; i++)
                rows.Data.AsSpan(i * 3, 3).Fill(labels[i] * 2 - 1 + (i % 7) * 0.1f);
            writer.WriteVideo(video);
        }
        return cache;
    }

    [Fact]
    public async Task TrainResumeAndExportWriteTheirFiles()
    {
        string cache = WriteCache();
        string outDir = Path.Combine(_directory, "out");
        var (code, output, error) = await Run("train", "--task", "violence", "--data", cache, "--out", outDir,
            "--epochs", "2", "--seed", "3", "--window", "1s", "--hop", "500ms");
        Assert.True(code == 0, $"exit {code}: {error}");
        foreach (string file in new[] { "violence-fusion.onnx", "violence-fusion.json", "metrics.json", "curves.png", "checkpoint/violence-fusion.pt",
                     "checkpoint/violence-fusion.json", "checkpoint/violence-fusion.last.pt", "checkpoint/violence-fusion.last.state.json",
                     "checkpoint/violence-fusion.last.optim", "checkpoint/violence-fusion.last.best" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), $"{file} missing; output: {output}");
        Assert.Contains("held out (validation)", output);

        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")))!;
        Assert.Equal(2, metrics["epochs"]!.AsArray().Count);
        Assert.Equal("frameMacroF1", (string)metrics["metric"]!);
        Assert.InRange((double)metrics["heldOut"]!["frameMacroF1"]!, 0, 1);

        using (var loaded = new ModelLoader().Load(Path.Combine(outDir, "violence-fusion.onnx")))
        {
            Assert.Equal(["violence", "violence_logits", "violence_frames", "violence_frames_logits"], loaded.Manifest.Outputs.Select(o => o.Name));
            Assert.Equal(TimeSpan.FromSeconds(1), loaded.Manifest.Window!.Length);
        }
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "violence-fusion.json")))!;
        Assert.Contains("generated (test)", (string)manifest["provenance"]!["data"]!);

        // Resume the run to 3 epochs: the history continues.
        (code, _, error) = await Run("train", "--task", "violence", "--data", cache, "--out", outDir, "--epochs", "3", "--seed", "3",
            "--window", "1s", "--hop", "500ms", "--resume", Path.Combine(outDir, "checkpoint", "violence-fusion.last.pt"));
        Assert.True(code == 0, $"resume exit {code}: {error}");
        metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")))!;
        Assert.Equal([1, 2, 3], metrics["epochs"]!.AsArray().Select(e => (int)e!["epoch"]!));
        double heldOutF1 = (double)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "violence-fusion.json")))!["provenance"]!["heldOut"]!["frameMacroF1"]!;

        // Export from the checkpoint: same manifest claims.
        string exported = Path.Combine(_directory, "exported");
        (code, output, error) = await Run("export", "--checkpoint", Path.Combine(outDir, "checkpoint", "violence-fusion.pt"), "--out", exported);
        Assert.True(code == 0, $"export exit {code}: {error}");
        var again = JsonNode.Parse(File.ReadAllText(Path.Combine(exported, "violence-fusion.json")))!;
        Assert.Equal(heldOutF1, (double)again["provenance"]!["heldOut"]!["frameMacroF1"]!);
        Assert.Equal("violence", (string)again["task"]!);
        using var reloaded = new ModelLoader().Load(Path.Combine(exported, "violence-fusion.onnx"));
        Assert.Equal(4, reloaded.Manifest.Outputs.Count);
    }

    [Fact]
    public async Task VaWithFrameHeadSelectsOnPerFrameCccAndExportsVaFrames()
    {
        string cache = Path.Combine(_directory, "va-cache");
        var writer = FeatureCacheWriter.Open(cache, new FeatureCacheManifest
        {
            Task = "va", Modalities = [new("video", 3, 10), new("audio", 2, 4)], SourceDataset = "generated (test)",
        });
        for (int v = 0; v < 7; v++)
        {
            // Valence and arousal drift inside each second; video rows carry them (frame 3: unannotated).
            var va = Enumerable.Range(0, 40).SelectMany(i => new[] { MathF.Sin((i + v) * 0.4f), i == 3 ? float.NaN : MathF.Cos((i + v) * 0.3f) }).ToArray();
            var video = FeatureCacheWindowsTests.Video(v < 5 ? "train" : "validation", $"v{v}", 40, audio: true, va: va);
            for (int i = 0; i < 40; i++)
                video.Features["video"].Data.AsSpan(i * 3, 3).Fill(va[2 * i] + (i % 5) * 0.05f);
            writer.WriteVideo(video);
        }
        string withHead = Path.Combine(_directory, "va-head"), without = Path.Combine(_directory, "va-plain");
        var (code, output, error) = await Run("train", "--task", "va", "--data", cache, "--out", withHead, "--epochs", "2", "--window", "1s", "--frame-head");
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("frameCccMean", output);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(withHead, "metrics.json")))!;
        Assert.Equal("frameCccMean", (string)metrics["metric"]!);
        Assert.InRange((double)metrics["heldOut"]!["frameCccMean"]!, -1, 1);
        Assert.NotNull(metrics["heldOut"]!["frameCcc"]!["arousal"]);
        using (var loaded = new ModelLoader().Load(Path.Combine(withHead, "va-fusion.onnx")))
        {
            Assert.Equal(["va", "va_frames"], loaded.Manifest.Outputs.Select(o => o.Name));
            Assert.Contains("per-frame head", loaded.Manifest.Provenance!["data"]!.GetValue<string>());
        }

        (code, _, error) = await Run("train", "--task", "va", "--data", cache, "--out", without, "--epochs", "1", "--window", "1s");
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal("cccMean", (string)JsonNode.Parse(File.ReadAllText(Path.Combine(without, "metrics.json")))!["metric"]!);
        using var plain = new ModelLoader().Load(Path.Combine(without, "va-fusion.onnx"));
        Assert.Equal(["va"], plain.Manifest.Outputs.Select(o => o.Name));
    }

    [Fact]
    public async Task TheExecutableTrainsAndLogsOneLinePerEpoch()
    {
        // The real process: libtorch loads beside the apphost, Serilog writes the epoch lines to stderr, results go to stdout.
        string cache = WriteCache();
        string outDir = Path.Combine(_directory, "exe-out");
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "mmf-train"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["CI"] = "true" },
        };
        foreach (string arg in new[] { "train", "--task", "violence", "--data", cache, "--out", outDir, "--epochs", "2", "--no-augment", "--window", "1s" })
            start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        string log = await stderr;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {log}");
        Assert.Contains("epoch 1/2", log);
        Assert.Contains("epoch 2/2", log);
        Assert.Contains(Path.Combine(outDir, "violence-fusion.onnx"), await stdout);
    }

    [Fact]
    public async Task ABadTaskIsAUsageErrorNamingTheOption()
    {
        var (code, _, error) = await Run("train", "--task", "dance", "--data", _directory, "--out", _directory);
        Assert.Equal(2, code);
        Assert.Contains("--task", error);
        Assert.Contains("dance", error);
        (code, _, error) = await Run("train", "--task", "va", "--data", _directory, "--out", _directory, "--window", "soon");
        Assert.Equal(2, code);
        Assert.Contains("--window", error);
        (code, _, error) = await Run("export", "--out", _directory);
        Assert.Equal(2, code);
        Assert.Contains("--checkpoint", error);
    }

    [Fact]
    public async Task AMissingCacheFolderFailsNamingThePath()
    {
        string missing = Path.Combine(_directory, "no-such-cache");
        var (code, _, error) = await Run("train", "--task", "va", "--data", missing, "--out", Path.Combine(_directory, "out"));
        Assert.Equal(1, code);
        Assert.Contains(missing, error);
        (code, _, error) = await Run("export", "--checkpoint", Path.Combine(_directory, "none.pt"), "--out", _directory);
        Assert.Equal(1, code);
        Assert.Contains("none.pt", error);
    }

    [Fact]
    public async Task HelpListsTheOptions()
    {
        var (code, output, _) = await Run("train", "--help");
        Assert.Equal(0, code);
        foreach (string option in new[] { "--task", "--data", "--out", "--fusion", "--epochs", "--seed", "--window", "--hop", "--no-augment",
                     "--no-autoencoder", "--no-modality-dropout", "--modalities", "--resume" })
            Assert.Contains(option, output);
        (code, output, _) = await Run("export", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--swin", output);
    }
}
