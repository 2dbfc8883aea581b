using MultimodalFusion.Onnx;
using MultimodalFusion.Training.Models.Backbones;

namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>
/// Writes a <see cref="SwinTransformer"/> as an ONNX image feature extractor (opset 17), node by node from its
/// current weights, with its manifest (role "image") beside it.
/// </summary>
/// <remarks>
/// Input <see cref="SwinExportOptions.InputName"/> float32 [batch, 3, S, S] (dynamic batch, normalised RGB); output
/// <see cref="SwinExportOptions.OutputName"/> float32 [batch, FeatureSize] (final norm + average pool; the
/// classification head is not exported). Cyclic shifts are Slice + Concat, window partitions Reshape + Transpose,
/// the relative position bias and the shift masks constant initializers, GELU exact via Erf. The operations mirror
/// <see cref="SwinTransformer.Features"/> in eval mode; the parity tests hold them to 1e-4.
/// </remarks>
public static class SwinOnnxExporter
{
    /// <summary>Opset written: 17 (LayerNormalization; ReduceMean keeps its axes attribute).</summary>
    public const int Opset = 17;

    /// <summary>Builds the graph in memory.</summary>
    public static OnnxGraphBuilder BuildGraph(SwinTransformer model, SwinExportOptions export)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(export);
        var options = model.Options;
        var ctx = new OnnxExportContext(new OnnxGraphBuilder(export.Name, Opset)
        {
            DocString = $"MultimodalFusion image features: {options.Describe()}",
        });
        var builder = ctx.Builder;
        builder.AddInput(export.InputName, OnnxElementType.Float, "batch", 3, options.ImageSize, options.ImageSize);

        var embedding = model.Embedding;
        string conv = ctx.Name("stem_conv");
        builder.AddNode("Conv", [export.InputName, ctx.Weight("stem_conv_weight", embedding.Conv.weight!), ctx.Weight("stem_conv_bias", embedding.Conv.bias!)], [conv])
            .Attribute("kernel_shape", [(long)options.PatchSize, options.PatchSize])
            .Attribute("strides", [(long)options.PatchSize, options.PatchSize]);
        string x = ctx.LayerNorm(ctx.Transpose(conv, "stem_nhwc", 0, 2, 3, 1), embedding.Norm, SwinBlock.LayerNormEpsilon, "stem_norm");

        int side = options.StageResolution(0);
        for (int s = 0; s < model.Stages.Count; s++)
        {
            for (int b = 0; b < model.Stages[s].Count; b++)
                x = SwinBlockOnnxWriter.Write(ctx, model.Stages[s][b], x, side, side, $"s{s}b{b}");
            if (s < model.Merges.Count)
            {
                x = WriteMerge(ctx, model.Merges[s], x, side, $"merge{s}");
                side = options.StageResolution(s + 1);
            }
        }

        string normed = ctx.LayerNorm(x, model.Norm, SwinBlock.LayerNormEpsilon, "final_norm");
        builder.AddNode("ReduceMean", [normed], [export.OutputName]).Attribute("axes", [1L, 2L]).Attribute("keepdims", 0L);
        builder.AddOutput(export.OutputName, OnnxElementType.Float, "batch", options.FeatureSize);
        return builder;
    }

    /// <summary>
    /// Writes <c>{directory}/{Name}.onnx</c> and its manifest <c>{Name}.json</c>; returns the .onnx path.
    /// Both files are replaced atomically.
    /// </summary>
    public static string Export(SwinTransformer model, SwinExportOptions export, string directory)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string path = Path.Combine(Path.GetFullPath(directory), export.Name + ".onnx");
        BuildGraph(model, export).Save(path);
        SwinManifestWriter.Write(model.Options, export, path);
        return path;
    }

    /// <summary>Mirror of <see cref="SwinPatchMerging"/>: pad odd sides, gather 2x2 (x0, x1, x2, x3), norm, reduce.</summary>
    private static string WriteMerge(OnnxExportContext ctx, SwinPatchMerging merge, string x, int side, string prefix)
    {
        if (side % 2 != 0)
            x = ctx.Node("Pad", $"{prefix}_pad", x, ctx.Int64s(0, 0, 0, 0, 0, 1, 1, 0));
        int padded = side + side % 2;
        string Quarter(long row, long col) =>
            ctx.Node("Slice", $"{prefix}_x{row}{col}", x, ctx.Int64s(row, col), ctx.Int64s(padded, padded), ctx.Int64s(1, 2), ctx.Int64s(2, 2));
        string gathered = ctx.Name($"{prefix}_gather");
        ctx.Builder.AddNode("Concat", [Quarter(0, 0), Quarter(1, 0), Quarter(0, 1), Quarter(1, 1)], [gathered]).Attribute("axis", -1L);
        return ctx.Linear(ctx.LayerNorm(gathered, merge.Norm, SwinBlock.LayerNormEpsilon, $"{prefix}_norm"), merge.Reduction, $"{prefix}_reduction");
    }
}
