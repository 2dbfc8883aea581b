using MultimodalFusion.Training.Models.Backbones;

namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>Writes one <see cref="SwinBlock"/> (shifted-window attention + MLP, both residual) as ONNX nodes.</summary>
/// <remarks>
/// Token maps are [batch, H, W, C] with H and W fixed at export time (the image size is fixed), so padding, shifts,
/// window counts, the relative position bias [1, heads, N, N] and the shift mask [1, windows, 1, N, N] are all
/// constants; only the batch axis is dynamic (Reshape copies or infers it).
/// </remarks>
internal static class SwinBlockOnnxWriter
{
    /// <summary>Emits the block on <paramref name="x"/> ([batch, height, width, C]); returns the output of the same shape.</summary>
    public static string Write(OnnxExportContext ctx, SwinBlock block, string x, int height, int width, string prefix)
    {
        var attention = block.Attention;
        int window = attention.Window, dim = attention.Dim, heads = attention.Heads, headSize = dim / heads, n = window * window;
        var (padHeight, padWidth, shiftHeight, shiftWidth) = SwinWindows.Geometry(height, width, window, attention.Shift);
        long rows = padHeight / window, cols = padWidth / window, windows = rows * cols;
        bool padded = padHeight != height || padWidth != width, shifted = shiftHeight + shiftWidth > 0;

        string y = ctx.LayerNorm(x, block.Norm1, SwinBlock.LayerNormEpsilon, $"{prefix}_norm1");
        if (padded)
            y = ctx.Node("Pad", $"{prefix}_pad", y, ctx.Int64s(0, 0, 0, 0, 0, padHeight - height, padWidth - width, 0));
        if (shifted)
            y = Roll(ctx, Roll(ctx, y, 1, padHeight, -shiftHeight, $"{prefix}_shift_h"), 2, padWidth, -shiftWidth, $"{prefix}_shift_w");

        string tokens = ctx.Reshape(
            ctx.Transpose(ctx.Reshape(y, $"{prefix}_grid", 0, rows, window, cols, window, dim), $"{prefix}_grid_t", 0, 1, 3, 2, 4, 5),
            $"{prefix}_windows", -1, n, dim);
        string qkv = ctx.Transpose(ctx.Reshape(ctx.Linear(tokens, attention.Qkv, $"{prefix}_qkv"), $"{prefix}_qkv5", 0, 0, 3, heads, headSize),
            $"{prefix}_qkv_t", 2, 0, 3, 1, 4);
        string Part(long index, string name)
        {
            string output = ctx.Name($"{prefix}_{name}");
            ctx.Builder.AddNode("Gather", [qkv, ctx.Int64Scalar(index)], [output]).Attribute("axis", 0L);
            return output;
        }
        string q = ctx.Node("Mul", $"{prefix}_q_scaled", Part(0, "q"), ctx.Scalar((float)Math.Pow(headSize, -0.5)));
        string k = ctx.Transpose(Part(1, "k"), $"{prefix}_k_t", 0, 1, 3, 2);
        string v = Part(2, "v");
        using (var bias = attention.RelativePositionBias())
        {
            string scores = ctx.Node("Add", $"{prefix}_scores", ctx.Node("MatMul", $"{prefix}_qk", q, k), ctx.Weight($"{prefix}_rel_bias", bias));
            if (shifted)
            {
                string mask = ctx.Weight($"{prefix}_shift_mask", SwinWindows.ShiftMask(padHeight, padWidth, window, shiftHeight, shiftWidth), 1, windows, 1, n, n);
                string perWindow = ctx.Node("Add", $"{prefix}_masked", ctx.Reshape(scores, $"{prefix}_scores5", -1, windows, heads, n, n), mask);
                scores = ctx.Reshape(perWindow, $"{prefix}_scores4", -1, heads, n, n);
            }
            string weights = ctx.Name($"{prefix}_attn");
            ctx.Builder.AddNode("Softmax", [scores], [weights]).Attribute("axis", -1L);
            string attended = ctx.Reshape(ctx.Transpose(ctx.Node("MatMul", $"{prefix}_av", weights, v), $"{prefix}_av_t", 0, 2, 1, 3),
                $"{prefix}_merged", 0, 0, dim);
            y = ctx.Linear(attended, attention.Proj, $"{prefix}_proj");
        }

        y = ctx.Reshape(
            ctx.Transpose(ctx.Reshape(y, $"{prefix}_ungrid", -1, rows, cols, window, window, dim), $"{prefix}_ungrid_t", 0, 1, 3, 2, 4, 5),
            $"{prefix}_map", -1, padHeight, padWidth, dim);
        if (shifted)
            y = Roll(ctx, Roll(ctx, y, 1, padHeight, shiftHeight, $"{prefix}_unshift_h"), 2, padWidth, shiftWidth, $"{prefix}_unshift_w");
        if (padded)
            y = ctx.Node("Slice", $"{prefix}_crop", y, ctx.Int64s(0, 0), ctx.Int64s(height, width), ctx.Int64s(1, 2));
        x = ctx.Node("Add", $"{prefix}_attn_residual", x, y);

        string hidden = Gelu(ctx, ctx.Linear(ctx.LayerNorm(x, block.Norm2, SwinBlock.LayerNormEpsilon, $"{prefix}_norm2"), block.Fc1, $"{prefix}_fc1"), $"{prefix}_gelu");
        return ctx.Node("Add", $"{prefix}_out", x, ctx.Linear(hidden, block.Fc2, $"{prefix}_fc2"));
    }

    /// <summary>torch.roll along one axis of size <paramref name="size"/>: out[i] = in[(i - shift) mod size], as Slice + Concat.</summary>
    internal static string Roll(OnnxExportContext ctx, string x, long axis, long size, long shift, string prefix)
    {
        long split = size - ((shift % size) + size) % size; // the first `split` elements move to the end
        if (split == size)
            return x;
        string head = ctx.Node("Slice", $"{prefix}_head", x, ctx.Int64s(0), ctx.Int64s(split), ctx.Int64s(axis));
        string tail = ctx.Node("Slice", $"{prefix}_tail", x, ctx.Int64s(split), ctx.Int64s(size), ctx.Int64s(axis));
        string output = ctx.Name(prefix);
        ctx.Builder.AddNode("Concat", [tail, head], [output]).Attribute("axis", axis);
        return output;
    }

    /// <summary>Exact GELU: 0.5 · x · (1 + erf(x / √2)), torch's default (not the tanh approximation).</summary>
    private static string Gelu(OnnxExportContext ctx, string x, string prefix)
    {
        string erf = ctx.Node("Erf", $"{prefix}_erf", ctx.Node("Mul", $"{prefix}_scaled", x, ctx.Scalar((float)(1 / Math.Sqrt(2)))));
        string gate = ctx.Node("Add", $"{prefix}_gate", erf, ctx.Scalar(1f));
        return ctx.Node("Mul", $"{prefix}_half", ctx.Node("Mul", $"{prefix}_product", x, gate), ctx.Scalar(0.5f));
    }
}
