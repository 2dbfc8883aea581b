using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// The shared 2D trunk: 3x3 stride-2 <see cref="ConvBlock"/>s (each halves H and W) -> global average pool ->
/// [batch, last channels]. The image CNN runs it on images, the clip stem on its time-folded maps.
/// </summary>
public sealed class ConvTrunk2d : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<ConvBlock> blocks;

    /// <summary>A trunk over <paramref name="inChannels"/> input maps with one block per entry of <paramref name="channels"/>.</summary>
    public ConvTrunk2d(string name, long inChannels, IReadOnlyList<int> channels) : base(name)
    {
        if (channels.Count == 0 || channels.Any(c => c < 1))
            throw new ArgumentException($"ConvTrunk2d '{name}': needs at least one block, every channel count >= 1.", nameof(channels));
        blocks = new ModuleList<ConvBlock>();
        long previous = inChannels;
        for (int i = 0; i < channels.Count; i++)
        {
            blocks.Add(new ConvBlock($"block{i}", 2, previous, channels[i], [3, 3], [2, 2], [1, 1]));
            previous = channels[i];
        }
        OutChannels = previous;
        RegisterComponents();
    }

    /// <summary>Channels of the pooled output.</summary>
    public long OutChannels { get; }

    /// <summary>The blocks in order (read by the exporter).</summary>
    internal IReadOnlyList<ConvBlock> Blocks => blocks.ToList();

    /// <summary>[batch, C, H, W] -> [batch, <see cref="OutChannels"/>].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = input;
        foreach (var block in blocks)
            x = block.forward(x);
        return x.mean([2L, 3L]).MoveToOuterDisposeScope();
    }
}
