using MultimodalFusion.Datasets.Metrics;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Onnx;
using TorchSharp;

namespace MultimodalFusion.Training.Tests.Onnx;

/// <summary>Export to a folder writes name.onnx + name.json, and the manifest agrees with the graph.</summary>
public sealed class FusionManifestTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-training-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ManifestDescribesTheGraphsInputsOutputsLabelsAndHash()
    {
        var options = new FusionModelOptions
        {
            Modalities = [new("video", 12), new("audio", 10)],
            Task = FusionTask.Classification, OutputSize = 8, HiddenSize = 8, Heads = 2,
        };
        torch.manual_seed(3);
        using var model = new FusionModel(options);
        var export = FusionExportParityTests.ExportOptionsFor(options) with
        {
            VideoFps = 8, HeldOut = new Dictionary<string, double> { ["macroF1"] = 0.5 },
        };
        string onnxPath = FusionOnnxExporter.Export(model, export, _directory);

        Assert.Equal(Path.Combine(_directory, "expr-fusion.onnx"), onnxPath);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "expr-fusion.json")))!.AsObject();
        Assert.Equal("expr-fusion", (string?)manifest["name"]);
        Assert.Equal("fusion", (string?)manifest["role"]);
        Assert.Equal("expr", (string?)manifest["task"]);
        Assert.Equal(FusionManifestWriter.Sha256(onnxPath), (string?)manifest["sha256"]);
        Assert.Equal("00:00:02", (string?)manifest["window"]!["length"]);
        Assert.Equal("00:00:00.5000000", (string?)manifest["window"]!["hop"]);
        Assert.Equal(0.5, (double)manifest["provenance"]!["heldOut"]!["macroF1"]!);

        using var session = new InferenceSession(onnxPath);
        var inputs = manifest["inputs"]!.AsArray();
        Assert.Equal(session.InputNames, inputs.Select(i => (string)i!["name"]!).ToList());
        foreach (var input in inputs)
        {
            var meta = session.InputMetadata[(string)input!["name"]!];
            var shape = input["shape"]!.AsArray();
            Assert.Equal(meta.Dimensions.Length, shape.Count);
            for (int d = 0; d < shape.Count; d++)
            {
                if (shape[d]!.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    Assert.Equal((string)shape[d]!, meta.SymbolicDimensions[d]);
                else
                    Assert.Equal((int)shape[d]!, meta.Dimensions[d]);
            }
            Assert.Equal((string)input["dtype"]! == "bool" ? typeof(bool) : typeof(float), meta.ElementType);
        }
        var outputs = manifest["outputs"]!.AsArray();
        Assert.Equal(session.OutputNames, outputs.Select(o => (string)o!["name"]!).ToList());
        Assert.Equal(TaskLabels.Expressions, outputs[0]!["labels"]!.AsArray().Select(l => (string)l!).ToList());
    }
}
