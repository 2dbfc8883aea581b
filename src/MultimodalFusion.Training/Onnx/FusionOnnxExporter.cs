using MultimodalFusion.Onnx;
using MultimodalFusion.Training.Models;

namespace MultimodalFusion.Training.Onnx;

/// <summary>
/// Writes a <see cref="FusionModel"/> as an ONNX graph, node by node from its current weights, with dynamic
/// batch and per-stream time axes, and its manifest beside it.
/// </summary>
/// <remarks>
/// Graph inputs per stream m: <c>{m}</c> float32 [batch, t_{m}, features] and <c>{m}_mask</c> bool [batch, t_{m}].
/// Outputs: classification: <c>{OutputName}</c> (softmax probabilities) and <c>{OutputName}_logits</c>, both
/// [batch, k]; regression: <c>{OutputName}</c> [batch, 2] in [-1, 1]; with a frame head also
/// <c>{OutputName}_frames</c> [batch, t_0, k] (probabilities, or values in [-1, 1] for regression) and, for
/// classification, <c>{OutputName}_frames_logits</c>. The operations mirror
/// <see cref="FusionModel.forward"/> one for one; the parity tests hold them to 1e-5.
/// </remarks>
public static class FusionOnnxExporter
{
    /// <summary>Opset written: 17 (LayerNormalization; ReduceSum/Unsqueeze take axes as inputs).</summary>
    public const int Opset = 17;

    /// <summary>Builds the graph in memory.</summary>
    public static OnnxGraphBuilder BuildGraph(FusionModel model, FusionExportOptions export)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(export);
        var options = model.Options;
        if (export.Labels.Count != options.OutputSize)
            throw new ArgumentException($"Export of '{export.Name}': {export.Labels.Count} labels for {options.OutputSize} outputs.");
        var ctx = new OnnxExportContext(new OnnxGraphBuilder(export.Name, Opset) { DocString = $"MultimodalFusion fusion model ({export.Task})" });
        var builder = ctx.Builder;

        int count = options.Modalities.Count;
        var masks = new string[count];
        var encoded = new string[count];
        for (int m = 0; m < count; m++)
        {
            var spec = options.Modalities[m];
            string time = TimeAxis(spec);
            builder.AddInput(spec.Name, OnnxElementType.Float, "batch", time, spec.FeatureSize);
            builder.AddInput(MaskName(spec), OnnxElementType.Bool, "batch", time);
            string maskFloat = ctx.Name($"{spec.Name}_maskf");
            builder.AddNode("Cast", [MaskName(spec)], [maskFloat]).Attribute("to", (long)OnnxElementType.Float);
            masks[m] = maskFloat;
            encoded[m] = WriteEncoder(ctx, model.Encoders[m], options, spec.Name, maskFloat);
        }

        string? modalityWeights = null;
        var pooled = new List<string>();
        if (options.Fusion == FusionKind.ModalWeights)
            pooled.Add(WriteModalWeights(ctx, model, encoded, masks, out modalityWeights));
        else if (model.Pairs.Count == 0)
        {
            for (int m = 0; m < count; m++)
                pooled.Add(MaskedMean(ctx, encoded[m], masks[m], $"pool_{options.Modalities[m].Name}"));
        }
        for (int p = 0; p < model.Pairs.Count; p++)
        {
            var (a, b) = model.Pairs[p];
            var ab = model.Attention[2 * p];
            var ba = model.Attention[2 * p + 1];
            pooled.Add(MaskedMean(ctx, WriteAttention(ctx, ab, encoded[a], encoded[b], masks[b], ab.GetName()), masks[a], $"pool_{ab.GetName()}"));
            pooled.Add(MaskedMean(ctx, WriteAttention(ctx, ba, encoded[b], encoded[a], masks[a], ba.GetName()), masks[b], $"pool_{ba.GetName()}"));
        }
        if (options.Fusion == FusionKind.LateFusion)
        {
            LateFusionOnnxWriter.Write(ctx, model, encoded, masks, export.OutputName, out modalityWeights);
        }
        else
        {
            string fused = pooled.Count == 1 ? pooled[0] : ctx.Name("fused");
            if (pooled.Count > 1)
                builder.AddNode("Concat", pooled, [fused]).Attribute("axis", 1L);
            WriteHead(ctx, model, fused, export.OutputName);
            if (model.FrameHead is { } frames)
                FrameHeadOnnxWriter.Write(ctx, frames, options.Modalities[0], encoded[0], fused, export.OutputName, options.OutputSize,
                    options.Task == FusionTask.Regression);
        }
        if (modalityWeights is not null)
        {
            builder.AddNode("Identity", [modalityWeights], [ModalityWeightsOutput]);
            builder.AddOutput(ModalityWeightsOutput, OnnxElementType.Float, "batch", count);
        }
        return builder;
    }

    private static void WriteHead(OnnxExportContext ctx, FusionModel model, string fused, string outputName)
    {
        var builder = ctx.Builder;
        var options = model.Options;
        string hidden = ctx.Node("Relu", "head_relu", ctx.Linear(fused, model.Hidden, "head_hidden"));
        string raw = ctx.Linear(hidden, model.Head, "head_out");
        if (options.Task == FusionTask.Regression)
        {
            builder.AddNode("Tanh", [raw], [outputName]);
            builder.AddOutput(outputName, OnnxElementType.Float, "batch", options.OutputSize);
        }
        else
        {
            string logits = outputName + "_logits";
            builder.AddNode("Identity", [raw], [logits]);
            builder.AddNode("Softmax", [raw], [outputName]).Attribute("axis", -1L);
            builder.AddOutput(outputName, OnnxElementType.Float, "batch", options.OutputSize);
            builder.AddOutput(logits, OnnxElementType.Float, "batch", options.OutputSize);
        }
    }

    /// <summary>
    /// Writes <c>{directory}/{Name}.onnx</c> and its manifest <c>{Name}.json</c>; returns the .onnx path.
    /// Both files are replaced atomically.
    /// </summary>
    public static string Export(FusionModel model, FusionExportOptions export, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string path = Path.Combine(Path.GetFullPath(directory), export.Name + ".onnx");
        BuildGraph(model, export).Save(path);
        FusionManifestWriter.Write(model.Options, export, path);
        return path;
    }

    /// <summary>Output holding the per-stream weights [batch, streams] of a <see cref="FusionKind.ModalWeights"/> model.</summary>
    public const string ModalityWeightsOutput = "modality_weights";

    /// <summary>Per-frame probabilities output of a model with a frame head (<c>{name}_frames</c>; logits add <c>_logits</c>).</summary>
    public static string FramesOutput(string outputName) => outputName + "_frames";

    /// <summary>Name of the symbolic time axis of a stream.</summary>
    public static string TimeAxis(ModalitySpec spec) => "t_" + spec.Name;

    /// <summary>Name of a stream's mask input.</summary>
    public static string MaskName(ModalitySpec spec) => spec.Name + "_mask";

    private static string WriteEncoder(OnnxExportContext ctx, ModalityEncoder encoder, FusionModelOptions options, string input, string maskFloat)
    {
        string prefix = $"enc_{input}";
        string step = ctx.Unsqueeze(maskFloat, $"{prefix}_step", 2);
        string projected = ctx.Node("Relu", $"{prefix}_relu", ctx.Linear(input, encoder.Projection, $"{prefix}_proj"));
        string masked = ctx.Node("Mul", $"{prefix}_masked_in", projected, step);
        string gru = GruOnnxWriter.Write(ctx, encoder.Gru, options.HiddenSize, options.Layers, options.Bidirectional, masked,
            SequenceLengths(ctx, maskFloat, prefix), $"{prefix}_gru");
        return ctx.Node("Mul", $"{prefix}_out", gru, step);
    }

    /// <summary>Mirror of <see cref="ModalityEncoder.Lengths"/>: max(position * mask) over time, at least 1, as int32.</summary>
    private static string SequenceLengths(OnnxExportContext ctx, string maskFloat, string prefix)
    {
        string ones = ctx.Node("Add", $"{prefix}_ones", ctx.Node("Mul", $"{prefix}_zeros", maskFloat, ctx.Scalar(0f)), ctx.Scalar(1f));
        string positions = ctx.Node("CumSum", $"{prefix}_positions", ones, ctx.Int64Scalar(1));
        string last = ctx.Name($"{prefix}_last");
        ctx.Builder.AddNode("ReduceMax", [ctx.Node("Mul", $"{prefix}_present_pos", maskFloat, positions)], [last])
            .Attribute("axes", [1L]).Attribute("keepdims", 0L);
        string lengths = ctx.Name($"{prefix}_lengths");
        ctx.Builder.AddNode("Cast", [ctx.Node("Max", $"{prefix}_last1", last, ctx.Scalar(1f))], [lengths])
            .Attribute("to", (long)MultimodalFusion.Onnx.OnnxElementType.Int32);
        return lengths;
    }

    private static string WriteAttention(OnnxExportContext ctx, CrossModalAttention block, string queries, string keys, string keyMask, string prefix)
    {
        long heads = block.Heads, headSize = block.Size / block.Heads;
        string q = ctx.Transpose(ctx.Reshape(ctx.Linear(queries, block.Query, $"{prefix}_q"), $"{prefix}_qh", 0, 0, heads, headSize), $"{prefix}_qt", 0, 2, 1, 3);
        string k = ctx.Transpose(ctx.Reshape(ctx.Linear(keys, block.Key, $"{prefix}_k"), $"{prefix}_kh", 0, 0, heads, headSize), $"{prefix}_kt", 0, 2, 3, 1);
        string v = ctx.Transpose(ctx.Reshape(ctx.Linear(keys, block.Value, $"{prefix}_v"), $"{prefix}_vh", 0, 0, heads, headSize), $"{prefix}_vt", 0, 2, 1, 3);
        string bias = ctx.Unsqueeze(
            ctx.Node("Mul", $"{prefix}_bias", ctx.Node("Sub", $"{prefix}_mask_m1", keyMask, ctx.Scalar(1f)), ctx.Scalar(CrossModalAttention.MaskScale)),
            $"{prefix}_bias4", 1, 2);
        string scores = ctx.Node("Add", $"{prefix}_scores",
            ctx.Node("Mul", $"{prefix}_scaled", ctx.Node("MatMul", $"{prefix}_qk", q, k), ctx.Scalar((float)(1.0 / Math.Sqrt(headSize)))),
            bias);
        string weights = ctx.Name($"{prefix}_weights");
        ctx.Builder.AddNode("Softmax", [scores], [weights]).Attribute("axis", -1L);
        string attended = ctx.Reshape(ctx.Transpose(ctx.Node("MatMul", $"{prefix}_av", weights, v), $"{prefix}_avt", 0, 2, 1, 3),
            $"{prefix}_merged", 0, 0, block.Size);
        string residual = ctx.Node("Add", $"{prefix}_residual", queries, ctx.Linear(attended, block.Output, $"{prefix}_o"));
        return ctx.LayerNorm(residual, block.Norm, CrossModalAttention.LayerNormEpsilon, $"{prefix}_ln");
    }

    /// <summary>Mirror of the model's Modal Fusion Module; returns the fused [batch, d] and the weights [batch, streams].</summary>
    private static string WriteModalWeights(OnnxExportContext ctx, FusionModel model, string[] encoded, string[] masks, out string weights)
    {
        var stacked = new List<string>();
        var scores = new List<string>();
        for (int m = 0; m < encoded.Length; m++)
        {
            string name = model.Options.Modalities[m].Name;
            string pooled = MaskedMean(ctx, encoded[m], masks[m], $"mfm_pool_{name}");
            stacked.Add(ctx.Unsqueeze(pooled, $"mfm_stack_{name}", 1));
            string count = ctx.Name($"mfm_{name}_count");
            ctx.Builder.AddNode("ReduceSum", [masks[m], ctx.Int64s(1)], [count]).Attribute("keepdims", 1L);
            string present = ctx.Node("Min", $"mfm_{name}_present", count, ctx.Scalar(1f));
            string bias = ctx.Node("Mul", $"mfm_{name}_bias", ctx.Node("Sub", $"mfm_{name}_absent", present, ctx.Scalar(1f)),
                ctx.Scalar(CrossModalAttention.MaskScale));
            scores.Add(ctx.Node("Add", $"mfm_{name}_score", ctx.Linear(pooled, model.Scorers[m], $"mfm_{name}_scorer"), bias));
        }
        string allScores = ctx.Name("mfm_scores");
        ctx.Builder.AddNode("Concat", scores, [allScores]).Attribute("axis", 1L);
        weights = ctx.Name("mfm_weights");
        ctx.Builder.AddNode("Softmax", [allScores], [weights]).Attribute("axis", 1L);
        string all = ctx.Name("mfm_pooled");
        ctx.Builder.AddNode("Concat", stacked, [all]).Attribute("axis", 1L);
        string weighted = ctx.Node("Mul", "mfm_weighted", all, ctx.Unsqueeze(weights, "mfm_weights3", 2));
        string fused = ctx.Name("mfm_fused");
        ctx.Builder.AddNode("ReduceSum", [weighted, ctx.Int64s(1)], [fused]).Attribute("keepdims", 0L);
        return fused;
    }

    internal static string MaskedMean(OnnxExportContext ctx, string steps, string maskFloat, string prefix)
    {
        string weighted = ctx.Node("Mul", $"{prefix}_weighted", steps, ctx.Unsqueeze(maskFloat, $"{prefix}_m3", 2));
        string sum = ctx.Name($"{prefix}_sum");
        ctx.Builder.AddNode("ReduceSum", [weighted, ctx.Int64s(1)], [sum]).Attribute("keepdims", 0L);
        string count = ctx.Name($"{prefix}_count");
        ctx.Builder.AddNode("ReduceSum", [maskFloat, ctx.Int64s(1)], [count]).Attribute("keepdims", 1L);
        string clamped = ctx.Node("Max", $"{prefix}_count1", count, ctx.Scalar(1f));
        return ctx.Node("Div", $"{prefix}_mean", sum, clamped);
    }
}
