using MultimodalFusion.Onnx;

namespace MultimodalFusion.Inference.Tests;

/// <summary>Tiny real ONNX graphs written by the tests into a temp folder.</summary>
internal static class TestGraphs
{
    /// <summary>y = relu(x·W + b) with x [batch, in] and a fixed seeded W; returns the path of the saved model.</summary>
    public static string Linear(string dir, string name = "linear", int inSize = 4, int outSize = 3, string inputName = "x")
    {
        var b = new OnnxGraphBuilder(name);
        b.AddInput(inputName, OnnxElementType.Float, "batch", inSize);
        b.AddInitializer("w", Weights(inSize * outSize, seed: 1), inSize, outSize);
        b.AddInitializer("b", Weights(outSize, seed: 2), outSize);
        b.AddNode("MatMul", [inputName, "w"], ["xw"]);
        b.AddNode("Add", ["xw", "b"], ["pre"]);
        b.AddNode("Relu", ["pre"], ["y"]);
        b.AddOutput("y", OnnxElementType.Float, "batch", outSize);
        string path = Path.Combine(dir, name + ".onnx");
        b.Save(path);
        return path;
    }

    /// <summary>An image extractor stand-in: x [batch, 3, h, w] -> global average pool -> Gemm to <paramref name="features"/>.</summary>
    public static string ImageExtractor(string dir, int size, int features = 8, string name = "image-tiny")
    {
        var b = new OnnxGraphBuilder(name);
        b.AddInput("image", OnnxElementType.Float, "batch", 3, size, size);
        b.AddInitializer("w", Weights(3 * features, seed: 3), features, 3);
        b.AddInitializer("b", Weights(features, seed: 4), features);
        b.AddNode("GlobalAveragePool", ["image"], ["pooled"]);
        b.AddNode("Flatten", ["pooled"], ["flat"]).Attribute("axis", 1L);
        b.AddNode("Gemm", ["flat", "w", "b"], ["features"]).Attribute("transB", 1L);
        b.AddOutput("features", OnnxElementType.Float, "batch", features);
        string path = Path.Combine(dir, name + ".onnx");
        b.Save(path);
        return path;
    }

    public static float[] Weights(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
    }
}
