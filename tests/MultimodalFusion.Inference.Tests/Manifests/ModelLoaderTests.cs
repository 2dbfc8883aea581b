using System.Text.Json.Nodes;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Manifests;

public sealed class ModelLoaderTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-manifests");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static ModelManifest LinearManifest(string path, string inputName = "x") => new()
    {
        Name = Path.GetFileNameWithoutExtension(path),
        Role = "fusion",
        Task = "features",
        Inputs = [new TensorSpec { Name = inputName, Shape = ["batch", 4L] }],
        Outputs = [new TensorSpec { Name = "y", Shape = ["batch", 3L], Labels = ["a", "b", "c"] }],
        Window = new WindowSpec { Length = TimeSpan.FromSeconds(2), Hop = TimeSpan.FromMilliseconds(500), VideoFps = 8 },
        Provenance = new JsonObject { ["trainer"] = "test", ["data"] = "none" },
        Sha256 = ModelLoader.Sha256Of(path),
    };

    [Fact]
    public void Valid_model_loads_with_its_manifest()
    {
        string path = TestGraphs.Linear(_dir);
        LinearManifest(path).Save(ModelManifest.PathFor(path));

        using var model = new ModelLoader().Load(path);

        Assert.Equal("linear", model.Manifest.Name);
        Assert.Equal(["a", "b", "c"], model.Manifest.Outputs[0].Labels);
        Assert.Equal(TimeSpan.FromMilliseconds(500), model.Manifest.Window!.Hop);
        Assert.Equal(ExecutionProvider.Cpu, model.Session.Provider);
    }

    [Fact]
    public void Input_name_mismatch_names_key_expected_and_actual()
    {
        string path = TestGraphs.Linear(_dir, inputName: "frames");
        LinearManifest(path, inputName: "video").Save(ModelManifest.PathFor(path));

        var ex = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));

        Assert.Contains("inputs[0].name: manifest says 'video', graph has 'frames'", ex.Message);
        Assert.StartsWith(path, ex.Message);
    }

    [Fact]
    public void Shape_dtype_and_label_mismatches_are_each_reported()
    {
        string path = TestGraphs.Linear(_dir);
        var manifest = LinearManifest(path) with
        {
            Inputs = [new TensorSpec { Name = "x", Shape = ["batch", 5L], Dtype = "int64" }],
            Outputs = [new TensorSpec { Name = "y", Shape = ["batch", 3L], Labels = ["only", "two"] }],
        };
        manifest.Save(ModelManifest.PathFor(path));

        var ex = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));

        Assert.Contains("inputs[0].dtype: manifest says 'int64', graph has 'float32'", ex.Message);
        Assert.Contains("inputs[0].shape[1]: manifest says 5, graph has 4", ex.Message);
        Assert.Contains("outputs[0].shape: 2 labels for a last dimension of 3", ex.Message);
    }

    [Fact]
    public void Symbolic_dim_name_and_rank_mismatches_are_reported()
    {
        string path = TestGraphs.Linear(_dir);
        var manifest = LinearManifest(path) with
        {
            Inputs = [new TensorSpec { Name = "x", Shape = ["n", 4L] }],
            Outputs = [new TensorSpec { Name = "y", Shape = ["batch", "t", 3L] }],
        };
        manifest.Save(ModelManifest.PathFor(path));

        var ex = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));

        Assert.Contains("inputs[0].shape[0]: manifest says 'n', graph has 'batch'", ex.Message);
        Assert.Contains("outputs[0].shape: manifest says ['batch', 't', 3] (rank 3), graph has ['batch', 3] (rank 2)", ex.Message);
    }

    [Fact]
    public void Sha256_mismatch_fails_naming_both_hashes()
    {
        string path = TestGraphs.Linear(_dir);
        (LinearManifest(path) with { Sha256 = new string('0', 64) }).Save(ModelManifest.PathFor(path));

        var ex = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));

        Assert.Contains($"sha256: manifest says '{new string('0', 64)}', file has '{ModelLoader.Sha256Of(path)}'", ex.Message);
    }

    [Fact]
    public void Not_onnx_file_with_manifest_fails_naming_the_file()
    {
        string path = Path.Combine(_dir, "garbage.onnx");
        File.Copy(RepoPaths.Media("corrupt.mp4"), path);
        LinearManifest(path).Save(ModelManifest.PathFor(path));

        var ex = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));

        Assert.StartsWith($"{path}: not a loadable ONNX model", ex.Message);
    }

    [Fact]
    public void Missing_or_malformed_manifest_fails_naming_the_json_file()
    {
        string path = TestGraphs.Linear(_dir);
        string json = ModelManifest.PathFor(path);
        var missing = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));
        Assert.StartsWith($"{json}: manifest not found", missing.Message);

        File.WriteAllText(json, """{ "name": "linear", "role": "fusion", "inputs": [ { "name": "x", "shape": ["batch", -4] } ], "outputs": [] }""");
        var malformed = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));
        Assert.Contains($"{json}: invalid manifest JSON at $.inputs[0].shape[1]", malformed.Message);
    }

    [Fact]
    public void Catalog_finds_models_and_reports_each_outcome()
    {
        string good = TestGraphs.Linear(_dir, name: "good");
        LinearManifest(good).Save(ModelManifest.PathFor(good));
        string bad = TestGraphs.Linear(_dir, name: "bad");
        File.Copy(good, Path.Combine(_dir, "good.fp16.onnx"));

        var found = ModelCatalog.Find([_dir]);
        var checks = ModelCatalog.Check(found, new ModelLoader());

        Assert.Equal([bad, good], found);
        Assert.False(checks[0].Ok);
        Assert.Contains("manifest not found", checks[0].Error);
        Assert.True(checks[1].Ok);
        Assert.Throws<FileNotFoundException>(() => ModelCatalog.Find([Path.Combine(_dir, "nope")]));
    }

    [Fact]
    public void Catalog_searches_subfolders_only_when_asked()
    {
        string top = TestGraphs.Linear(_dir, name: "top");
        string nested = TestGraphs.Linear(Directory.CreateDirectory(Path.Combine(_dir, "emotion")).FullName, name: "nested");

        Assert.Equal([top], ModelCatalog.Find([_dir]));
        Assert.Equal([nested, top], ModelCatalog.Find([_dir], recursive: true));
    }
}
