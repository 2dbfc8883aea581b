using MultimodalFusion.Training.Models.Backbones;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>
/// Emits convolutional layers into an <see cref="OnnxExportContext"/>: Conv (1D/2D/3D) with the following batch norm
/// folded into its weight and bias, ReLU, per-channel batch-norm affine, global average pooling, the 2D trunk.
/// </summary>
/// <remarks>
/// Batch norm is exported as eval mode computes it (running statistics): folded per output channel c as
/// s_c = gamma_c / sqrt(var_c + eps), W'_c = W_c * s_c, b'_c = beta_c + (b_c - mean_c) * s_c, computed in double and
/// rounded once to float. Weights are copied when emitted; the modules stay owned by the caller.
/// </remarks>
internal sealed class ConvOnnxEmitter
{
    public ConvOnnxEmitter(OnnxExportContext context) => Context = context;

    public OnnxExportContext Context { get; }

    /// <summary>Conv (batch norm folded) -> Relu, the ONNX form of one <see cref="ConvBlock"/>.</summary>
    public string Block(string input, ConvBlock block, string prefix) =>
        Context.Node("Relu", $"{prefix}_relu", Conv(input, block.Conv, block.Norm, prefix));

    /// <summary>One ONNX Conv node for <paramref name="conv"/>, with <paramref name="norm"/> folded in when given.</summary>
    public string Conv(string input, Convolution conv, BatchNorm? norm, string prefix)
    {
        if (conv.transposed)
            throw new NotSupportedException($"ONNX export of '{prefix}': transposed convolutions are not supported.");
        if (conv.padding_mode != TorchSharp.PaddingModes.Zeros || conv.padding_type is not null)
            throw new NotSupportedException($"ONNX export of '{prefix}': only explicit zero padding is supported.");
        var (weight, bias) = Folded(conv, norm);
        using var ownedWeight = weight;   // copied into the initializers below
        using var ownedBias = bias;
        string output = Context.Name($"{prefix}_conv");
        long[] pads = [.. conv.padding, .. conv.padding];   // begin pads for every axis, then end pads
        Context.Builder.AddNode("Conv", [input, Context.Weight($"{prefix}_w", weight), Context.Weight($"{prefix}_b", bias)], [output])
            .Attribute("kernel_shape", conv.kernel_size)
            .Attribute("strides", conv.stride)
            .Attribute("pads", pads)
            .Attribute("dilations", conv.dilation)
            .Attribute("group", conv.groups);
        return output;
    }

    /// <summary>Eval-mode batch norm over axis 1 of a rank-<paramref name="rank"/> value as Mul + Add (scale, shift [C, 1...]).</summary>
    public string BatchNormAffine(string input, BatchNorm norm, int rank, string prefix)
    {
        using var scope = NewDisposeScope();
        var (scale, shift) = ScaleShift(norm);
        long[] shape = [norm.num_features, .. Enumerable.Repeat(1L, rank - 2)];
        string scaled = Context.Node("Mul", $"{prefix}_scaled", input, Context.Weight($"{prefix}_scale", scale.to(float32).reshape(shape)));
        return Context.Node("Add", $"{prefix}_out", scaled, Context.Weight($"{prefix}_shift", shift.to(float32).reshape(shape)));
    }

    /// <summary>GlobalAveragePool over every axis after the channels, flattened to [batch, C].</summary>
    public string GlobalAveragePool(string input, string prefix)
    {
        string pooled = Context.Node("GlobalAveragePool", $"{prefix}_gap", input);
        string flat = Context.Name($"{prefix}_flat");
        Context.Builder.AddNode("Flatten", [pooled], [flat]).Attribute("axis", 1L);
        return flat;
    }

    /// <summary>The <see cref="ConvTrunk2d"/>: its blocks, then global average pooling to [batch, C].</summary>
    public string Trunk(string input, ConvTrunk2d trunk, string prefix)
    {
        string x = input;
        for (int i = 0; i < trunk.Blocks.Count; i++)
            x = Block(x, trunk.Blocks[i], $"{prefix}_block{i}");
        return GlobalAveragePool(x, prefix);
    }

    /// <summary>The convolution's weight and bias with <paramref name="norm"/> folded in (new float tensors, caller disposes).</summary>
    internal static (Tensor Weight, Tensor Bias) Folded(Convolution conv, BatchNorm? norm)
    {
        using var scope = NewDisposeScope();
        var weight = conv.weight!.detach().cpu().to(float64);
        var bias = conv.bias is null ? zeros(conv.out_channels, dtype: float64) : conv.bias.detach().cpu().to(float64);
        if (norm is not null)
        {
            var (scale, shift) = ScaleShift(norm);
            long[] shape = [conv.out_channels, .. Enumerable.Repeat(1L, (int)weight.dim() - 1)];
            weight = weight * scale.reshape(shape);
            bias = bias * scale + shift;
        }
        return (weight.to(float32).contiguous().MoveToOuterDisposeScope(), bias.to(float32).contiguous().MoveToOuterDisposeScope());
    }

    /// <summary>Eval-mode batch norm as y = x * scale + shift per channel, in double (tensors in the caller's scope).</summary>
    private static (Tensor Scale, Tensor Shift) ScaleShift(BatchNorm norm)
    {
        if (norm.running_mean is null || norm.running_var is null)
            throw new NotSupportedException($"ONNX export: batch norm over {norm.num_features} channels tracks no running statistics.");
        var mean = norm.running_mean.detach().cpu().to(float64);
        var variance = norm.running_var.detach().cpu().to(float64);
        var gamma = norm.weight is null ? ones(norm.num_features, dtype: float64) : norm.weight.detach().cpu().to(float64);
        var beta = norm.bias is null ? zeros(norm.num_features, dtype: float64) : norm.bias.detach().cpu().to(float64);
        var scale = gamma / (variance + norm.eps).sqrt();
        return (scale, beta - mean * scale);
    }
}
