using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace MultimodalFusion.Onnx.Tests;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void Add_with_symbolic_batch_runs_in_onnx_runtime()
    {
        var b = new OnnxGraphBuilder("add");
        b.AddInput("a", OnnxElementType.Float, "batch", 3).AddInput("b", OnnxElementType.Float, "batch", 3);
        b.AddNode("Add", ["a", "b"], ["sum"]);
        b.AddOutput("sum", OnnxElementType.Float, "batch", 3);

        var result = OrtRunner.Run(b.ToBytes(),
            ("a", [1, 2, 3, 4, 5, 6], [2, 3]), ("b", [10, 20, 30, 40, 50, 60], [2, 3]));

        Assert.Equal([11f, 22, 33, 44, 55, 66], result["sum"].Values);
        Assert.Equal([2L, 3], result["sum"].Shape);
    }

    [Fact]
    public void MatMul_plus_bias_initializers_gives_known_numbers()
    {
        var b = new OnnxGraphBuilder("linear");
        b.AddInput("x", OnnxElementType.Float, "batch", 2);
        b.AddInitializer("w", [1f, 2, 3, 4, 5, 6], 2, 3);   // [in=2, out=3]
        b.AddInitializer("bias", [0.5f, -0.5f, 1f], 3);
        b.AddNode("MatMul", ["x", "w"], ["xw"]);
        b.AddNode("Add", ["xw", "bias"], ["y"]);
        b.AddOutput("y", OnnxElementType.Float, "batch", 3);

        var y = OrtRunner.Run(b.ToBytes(), ("x", [1, 1, 2, -1], [2, 2]))["y"].Values;

        // [1,1]·W = [5,7,9]; [2,-1]·W = [-2,-1,0]; plus bias.
        Assert.Equal([5.5f, 6.5f, 10f, -1.5f, -1.5f, 1f], y);
    }

    [Fact]
    public void Gemm_with_transB_alpha_beta_and_relu()
    {
        var b = new OnnxGraphBuilder("gemm");
        b.AddInput("x", OnnxElementType.Float, "batch", 2);
        b.AddInitializer("w", [1f, -1, 2, 0.5f], 2, 2);   // [out, in], used transposed
        b.AddInitializer("c", [1f, -10], 2);
        b.AddNode("Gemm", ["x", "w", "c"], ["g"]).Attribute("transB", 1L).Attribute("alpha", 2f).Attribute("beta", 0.5f);
        b.AddNode("Relu", ["g"], ["y"]);
        b.AddOutput("y", OnnxElementType.Float, "batch", 2);

        var y = OrtRunner.Run(b.ToBytes(), ("x", [3, 1], [1, 2]))["y"].Values;

        // x·Wᵀ = [3-1, 6+0.5] = [2, 6.5]; *2 = [4, 13]; + 0.5*[1,-10] = [4.5, 8]; relu keeps both.
        Assert.Equal([4.5f, 8f], y);
        var negative = OrtRunner.Run(b.ToBytes(), ("x", [-3, -1], [1, 2]))["y"].Values;
        Assert.Equal([0f, 0f], negative);  // [-3.5, -18] before relu
    }

    [Fact]
    public void Softmax_over_last_axis_sums_to_one()
    {
        var b = new OnnxGraphBuilder("softmax");
        b.AddInput("logits", OnnxElementType.Float, "batch", 3);
        b.AddNode("Softmax", ["logits"], ["p"]).Attribute("axis", -1L);
        b.AddOutput("p", OnnxElementType.Float, "batch", 3);

        var p = OrtRunner.Run(b.ToBytes(), ("logits", [0, 0, 0, 1, 2, 3], [2, 3]))["p"].Values;

        Assert.All(p[..3], v => Assert.Equal(1f / 3, v, 1e-6f));
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(3) / z, p[5], 1e-6);
        Assert.Equal(1.0, p[3] + p[4] + p[5], 1e-6);
    }

    [Fact]
    public void ReduceMean_over_time_axis_with_axes_attribute()
    {
        var b = new OnnxGraphBuilder("mean");
        b.AddInput("seq", OnnxElementType.Float, "batch", "t", 2);
        b.AddNode("ReduceMean", ["seq"], ["m"]).Attribute("axes", new long[] { 1 }).Attribute("keepdims", 0L);
        b.AddOutput("m", OnnxElementType.Float, "batch", 2);

        var m = OrtRunner.Run(b.ToBytes(), ("seq", [1, 10, 2, 20, 6, 60], [1, 3, 2]))["m"];

        Assert.Equal([3f, 30f], m.Values);
        Assert.Equal([1L, 2], m.Shape);
    }

    [Fact]
    public void ReduceMean_at_opset_18_takes_axes_as_int64_initializer()
    {
        var b = new OnnxGraphBuilder("mean18", opset: 18);
        b.AddInput("seq", OnnxElementType.Float, "batch", "t", 2);
        b.AddInt64Initializer("axes", [1L], 1);
        b.AddNode("ReduceMean", ["seq", "axes"], ["m"]).Attribute("keepdims", 0L);
        b.AddOutput("m", OnnxElementType.Float, "batch", 2);

        var m = OrtRunner.Run(b.ToBytes(), ("seq", [1, 10, 3, 30], [1, 2, 2]))["m"].Values;

        Assert.Equal([2f, 20f], m);
    }

    [Fact]
    public void Saved_file_loads_with_symbolic_dims_and_metadata()
    {
        var b = new OnnxGraphBuilder("meta") { DocString = "test graph" };
        b.AddInput("x", OnnxElementType.Float, "batch", 4);
        b.AddNode("Identity", ["x"], ["y"]);
        b.AddOutput("y", OnnxElementType.Float, "batch", 4);
        b.AddMetadata("role", "image");
        string path = Path.Combine(Path.GetTempPath(), $"mmf-onnx-{Guid.NewGuid():N}", "meta.onnx");
        try
        {
            b.Save(path);
            using var session = new InferenceSession(path);
            var input = session.InputMetadata["x"];
            Assert.Equal([-1, 4], input.Dimensions);
            Assert.Equal("batch", input.SymbolicDimensions[0]);
            Assert.Equal("image", session.ModelMetadata.CustomMetadataMap["role"]);
            var parsed = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            Assert.Equal(OnnxGraphBuilder.DefaultOpset, parsed.OpsetImport.Single(o => o.Domain == "").Version);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Undefined_values_and_duplicates_fail_with_the_name()
    {
        var b = new OnnxGraphBuilder("bad");
        b.AddInput("x", OnnxElementType.Float, 1);
        var undefined = Assert.Throws<InvalidOperationException>(() => b.AddNode("Relu", ["nope"], ["y"]));
        Assert.Contains("'nope'", undefined.Message);
        var duplicate = Assert.Throws<InvalidOperationException>(() => b.AddInitializer("x", [1f], 1));
        Assert.Contains("'x'", duplicate.Message);
        b.AddOutput("missing", OnnxElementType.Float, 1);
        var output = Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Contains("'missing'", output.Message);
        var shape = Assert.Throws<ArgumentException>(() => b.AddInitializer("w", [1f, 2, 3], 2, 2));
        Assert.Contains("'w'", shape.Message);
    }
}
