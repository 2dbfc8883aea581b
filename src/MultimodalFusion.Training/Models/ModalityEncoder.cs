using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models;

/// <summary>
/// Encodes one stream: relu(linear projection) -> stacked (bi)GRU, with padded or absent steps zeroed
/// before and after the GRU.
/// </summary>
/// <remarks>
/// Input [batch, time, features] and a float mask [batch, time] (1 = present, 0 = padded/absent); output
/// [batch, time, <see cref="FusionModelOptions.EncodedSize"/>] (forward then backward halves, torch order).
/// The GRU runs over each row's steps up to its last present step (see <see cref="Lengths"/>).
/// </remarks>
public sealed class ModalityEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear projection;
    private readonly GRU gru;

    /// <summary>Creates the encoder for a stream of <paramref name="featureSize"/> features.</summary>
    public ModalityEncoder(string name, int featureSize, FusionModelOptions options) : base(name)
    {
        projection = nn.Linear(featureSize, options.ProjectionSize);
        gru = nn.GRU(options.ProjectionSize, options.HiddenSize, numLayers: options.Layers, batchFirst: true,
            bidirectional: options.Bidirectional);
        RegisterComponents();
    }

    /// <summary>The input projection (read by the exporter).</summary>
    internal Linear Projection => projection;

    /// <summary>The recurrent layers (read by the exporter).</summary>
    internal GRU Gru => gru;

    /// <inheritdoc />
    public override Tensor forward(Tensor features, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var step = mask.unsqueeze(-1);
        var projected = nn.functional.relu(projection.forward(features)) * step;
        // Packed by length so that trailing padding never enters the recurrence, in either direction
        // (the exported graph passes the same lengths to ONNX GRU's sequence_lens).
        var lengths = Lengths(mask).cpu();
        var packed = nn.utils.rnn.pack_padded_sequence(projected, lengths, batch_first: true, enforce_sorted: false);
        var (packedOutput, hidden) = gru.call(packed);
        hidden.Dispose();
        var (output, _) = nn.utils.rnn.pad_packed_sequence(packedOutput, batch_first: true, total_length: features.shape[1]);
        packedOutput.Dispose();
        return (output * step).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Steps the GRU runs per row: up to and including the last present step, at least 1 (an absent stream
    /// runs one zero step whose output the mask then removes). Gaps before the last present step are run as
    /// zero inputs and masked out of attention and pooling.
    /// </summary>
    internal static Tensor Lengths(Tensor mask)
    {
        var positions = arange(1, mask.shape[1] + 1, dtype: ScalarType.Float32, device: mask.device);
        return (mask * positions).amax(1).clamp_min(1f).to_type(ScalarType.Int64);
    }
}
