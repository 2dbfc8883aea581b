using System.Text.Json.Nodes;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Training.Cli;
using MultimodalFusion.Training.Models.Backbones;
using TorchSharp;

namespace MultimodalFusion.Training.Tests.Cli;

/// <summary><c>mmf-train export --swin</c>: saved Swin weights become an image extractor the runtime loads; bad weights are exit 1 naming the file.</summary>
public sealed class MmfTrainSwinExportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-train-swin-" + Guid.NewGuid().ToString("N"));

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

    [Fact]
    public async Task SwinWeightsExportAsAnImageExtractor()
    {
        torch.manual_seed(4);
        string weights = Path.Combine(_directory, "swin-test.pt");
        using (var model = new SwinTransformer(SwinOptions.Test56))
            SwinWeights.Save(model, weights);

        string outDir = Path.Combine(_directory, "onnx");
        var (code, output, error) = await Run("export", "--swin", weights, "--swin-config", "test56", "--name", "swin-small",
            "--data", "random weights (test)", "--out", outDir);
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains(Path.Combine(outDir, "swin-small.onnx"), output);
        using var loaded = new ModelLoader().Load(Path.Combine(outDir, "swin-small.onnx"));
        Assert.Equal(SwinOptions.Test56.FeatureSize, loaded.Manifest.Outputs[0].Shape[^1].Value);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "swin-small.json")))!;
        Assert.Contains("random weights (test)", manifest.ToJsonString());

        // The same file does not fit the default architecture (swin_t): exit 1, naming the file.
        (code, _, error) = await Run("export", "--swin", weights, "--out", outDir);
        Assert.Equal(1, code);
        Assert.Contains("swin-test.pt", error);
        (code, _, error) = await Run("export", "--swin", weights, "--swin-config", "huge", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("--swin-config", error);
    }
}
