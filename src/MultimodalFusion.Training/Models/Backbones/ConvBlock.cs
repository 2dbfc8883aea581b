using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>Convolution (no bias) -> batch norm -> ReLU over 1, 2 or 3 spatial dimensions.</summary>
/// <remarks>
/// The convolution has no bias because the batch norm's shift replaces it; the exporter folds the norm's
/// running statistics into the convolution's weight and bias (one ONNX Conv + Relu per block).
/// </remarks>
public sealed class ConvBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Batch-norm epsilon (torch's default).</summary>
    public const double NormEpsilon = 1e-5;

    private readonly Convolution conv;
    private readonly BatchNorm norm;

    /// <summary>
    /// A block over <paramref name="dims"/> (1, 2 or 3) spatial axes; <paramref name="kernel"/>,
    /// <paramref name="stride"/> and <paramref name="padding"/> have one value per axis.
    /// </summary>
    public ConvBlock(string name, int dims, long inChannels, long outChannels, long[] kernel, long[] stride, long[] padding)
        : base(name)
    {
        if (dims is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(dims), $"ConvBlock '{name}': dims must be 1, 2 or 3; got {dims}.");
        if (kernel.Length != dims || stride.Length != dims || padding.Length != dims)
            throw new ArgumentException($"ConvBlock '{name}': kernel, stride and padding need {dims} values each.");
        Dims = dims;
        switch (dims)
        {
            case 1:
                conv = nn.Conv1d(inChannels, outChannels, kernel[0], stride[0], padding[0], bias: false);
                norm = nn.BatchNorm1d(outChannels, NormEpsilon);
                break;
            case 2:
                conv = nn.Conv2d(inChannels, outChannels, (kernel[0], kernel[1]), (stride[0], stride[1]), (padding[0], padding[1]), bias: false);
                norm = nn.BatchNorm2d(outChannels, NormEpsilon);
                break;
            default:
                conv = nn.Conv3d(inChannels, outChannels, (kernel[0], kernel[1], kernel[2]), (stride[0], stride[1], stride[2]),
                    (padding[0], padding[1], padding[2]), bias: false);
                norm = nn.BatchNorm3d(outChannels, NormEpsilon);
                break;
        }
        RegisterComponents();
    }

    /// <summary>Spatial axes: 1 (time), 2 (H, W) or 3 (T, H, W).</summary>
    public int Dims { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels => conv.out_channels;

    /// <summary>The convolution (read by the exporter).</summary>
    internal Convolution Conv => conv;

    /// <summary>The batch norm (read by the exporter).</summary>
    internal BatchNorm Norm => norm;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var convolved = conv.forward(input);
        using var normalised = norm.forward(convolved);
        return nn.functional.relu(normalised);
    }
}
