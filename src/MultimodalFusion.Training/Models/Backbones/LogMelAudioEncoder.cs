using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Audio stream over log-mel windows (the papers' 128 bins, 4 s every 2 s): [batch, frames, mels] -> per-mel batch
/// norm (learned input normalisation) -> 1D conv/BN/ReLU blocks over time (mels as channels) -> mean over time ->
/// linear projection -> features [batch, d]. Any number of frames (at least 1) is accepted.
/// </summary>
/// <remarks>
/// The input is exactly what the runtime's AudioEncoder writes: the shared log-mel frontend
/// (MultimodalFusion.Features) as [frames, mels] rows, natural-log power with its offset.
/// </remarks>
public sealed class LogMelAudioEncoder : Backbone
{
    private readonly BatchNorm1d inputNorm;
    private readonly ModuleList<ConvBlock> blocks;
    private readonly Linear projection;

    /// <summary>Creates the network with fresh weights (seed torch first for repeatable ones).</summary>
    public LogMelAudioEncoder(LogMelAudioEncoderOptions? options = null) : base(nameof(LogMelAudioEncoder))
    {
        Options = options ?? new LogMelAudioEncoderOptions();
        Options.Validate();
        inputNorm = nn.BatchNorm1d(Options.MelBins, ConvBlock.NormEpsilon);
        blocks = new ModuleList<ConvBlock>();
        long previous = Options.MelBins;
        for (int i = 0; i < Options.Channels.Count; i++)
        {
            blocks.Add(new ConvBlock($"block{i}", 1, previous, Options.Channels[i], [3], [Options.Strides[i]], [1]));
            previous = Options.Channels[i];
        }
        projection = nn.Linear(previous, Options.FeatureSize);
        RegisterComponents();
    }

    /// <summary>The shape this network was built with.</summary>
    public LogMelAudioEncoderOptions Options { get; }

    /// <inheritdoc />
    public override BackboneKind Kind => BackboneKind.Audio;

    /// <inheritdoc />
    public override int FeatureSize => Options.FeatureSize;

    internal BatchNorm1d InputNorm => inputNorm;

    internal IReadOnlyList<ConvBlock> Blocks => blocks.ToList();

    internal Linear Projection => projection;

    /// <summary>[batch, <paramref name="time"/> frames, mels]; 401 frames (4 s at a 10 ms hop) when time is 0.</summary>
    public override long[] InputShape(long batch, long time = 0) => [batch, time > 0 ? time : 401, Options.MelBins];

    /// <summary>[batch, frames, mels] -> [batch, d].</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 3 || input.shape[2] != Options.MelBins)
            throw new ArgumentException($"LogMelAudioEncoder: input must be [batch, frames, {Options.MelBins}]; got [{string.Join(", ", input.shape)}].");
        using var scope = NewDisposeScope();
        var x = inputNorm.forward(input.transpose(1, 2));   // [batch, mels, frames]
        foreach (var block in blocks)
            x = block.forward(x);
        return projection.forward(x.mean([2L])).MoveToOuterDisposeScope();
    }
}
