using MultimodalFusion.Onnx;
using MultimodalFusion.Training.Models;

namespace MultimodalFusion.Training.Onnx;

/// <summary>Writes the weighted late fusion of a <see cref="FusionKind.LateFusion"/> model (mirror of its forward).</summary>
/// <remarks>
/// Per stream: masked mean -> head (Linear, Relu, Linear) -> Softmax (classification) or Tanh (regression).
/// Weights: Softmax over streams of learned scores + (present - 1) * 1e9. Output: the weighted average
/// (<c>{name}</c>); classification adds <c>{name}_logits</c> = log(max(p, 1e-12)), which is what the torch
/// forward returns.
/// </remarks>
internal static class LateFusionOnnxWriter
{
    public static void Write(OnnxExportContext ctx, FusionModel model, string[] encoded, string[] masks, string outputName, out string weights)
    {
        var options = model.Options;
        var builder = ctx.Builder;
        bool classification = options.Task == FusionTask.Classification;
        using var cpuScores = model.LateScores!.detach().cpu().contiguous();
        float[] learned = cpuScores.data<float>().ToArray();
        var perStream = new List<string>();
        var scores = new List<string>();
        for (int m = 0; m < encoded.Length; m++)
        {
            string name = options.Modalities[m].Name;
            string pooled = FusionOnnxExporter.MaskedMean(ctx, encoded[m], masks[m], $"late_pool_{name}");
            var layers = model.StreamHeads[m].children().OfType<TorchSharp.Modules.Linear>().ToArray();
            string hidden = ctx.Node("Relu", $"late_{name}_relu", ctx.Linear(pooled, layers[0], $"late_{name}_hidden"));
            string raw = ctx.Linear(hidden, layers[1], $"late_{name}_out");
            string squashed = ctx.Name($"late_{name}_p");
            if (classification)
                builder.AddNode("Softmax", [raw], [squashed]).Attribute("axis", 1L);
            else
                builder.AddNode("Tanh", [raw], [squashed]);
            perStream.Add(ctx.Unsqueeze(squashed, $"late_{name}_p3", 1));

            string count = ctx.Name($"late_{name}_count");
            builder.AddNode("ReduceSum", [masks[m], ctx.Int64s(1)], [count]).Attribute("keepdims", 1L);
            string present = ctx.Node("Min", $"late_{name}_present", count, ctx.Scalar(1f));
            string bias = ctx.Node("Mul", $"late_{name}_bias", ctx.Node("Sub", $"late_{name}_absent", present, ctx.Scalar(1f)),
                ctx.Scalar(CrossModalAttention.MaskScale));
            scores.Add(ctx.Node("Add", $"late_{name}_score", bias, ctx.Weight($"late_{name}_learned", [learned[m]], 1, 1)));
        }
        string allScores = ctx.Name("late_scores");
        builder.AddNode("Concat", scores, [allScores]).Attribute("axis", 1L);
        weights = ctx.Name("late_weights");
        builder.AddNode("Softmax", [allScores], [weights]).Attribute("axis", 1L);
        string stacked = ctx.Name("late_stacked");
        builder.AddNode("Concat", perStream, [stacked]).Attribute("axis", 1L);
        string weighted = ctx.Node("Mul", "late_weighted", stacked, ctx.Unsqueeze(weights, "late_weights3", 2));
        builder.AddNode("ReduceSum", [weighted, ctx.Int64s(1)], [outputName]).Attribute("keepdims", 0L);
        builder.AddOutput(outputName, OnnxElementType.Float, "batch", options.OutputSize);
        if (classification)
        {
            string logits = outputName + "_logits";
            builder.AddNode("Log", [ctx.Node("Max", "late_floor", outputName, ctx.Scalar(FusionModel.LateProbabilityFloor))], [logits]);
            builder.AddOutput(logits, OnnxElementType.Float, "batch", options.OutputSize);
        }
    }
}
