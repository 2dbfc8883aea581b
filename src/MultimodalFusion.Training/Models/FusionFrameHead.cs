using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models;

/// <summary>
/// The per-frame head: for every step of the base stream,
/// raw = W_out · relu(W_step · encoding_t + W_ctx · fused + b_ctx) + b_out (class logits; a regression model
/// applies tanh to it, <see cref="FusionModel.ForwardFrames"/>).
/// </summary>
/// <remarks>
/// One linear layer over the concatenation [encoding_t; fused], written as two matrices so that the window
/// context is projected once per row and broadcast over time (the exported graph does the same, without an
/// Expand). Steps that are masked out still get logits (from the fused context alone, their encoding being
/// zero); losses and metrics ignore them.
/// </remarks>
public sealed class FusionFrameHead : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear step;
    private readonly Linear context;
    private readonly Linear output;

    /// <summary>A head over steps of <paramref name="encodedSize"/> and a fused vector of <paramref name="fusedSize"/>.</summary>
    public FusionFrameHead(string name, int encodedSize, int fusedSize, int hiddenSize, int classes) : base(name)
    {
        step = nn.Linear(encodedSize, hiddenSize, hasBias: false);
        context = nn.Linear(fusedSize, hiddenSize);
        output = nn.Linear(hiddenSize, classes);
        RegisterComponents();
    }

    internal Linear Step => step;
    internal Linear Context => context;
    internal Linear Output => output;

    /// <summary>Steps [b, t, encodedSize] and fused [b, fusedSize] -> logits [b, t, classes]; the caller owns the result.</summary>
    public override Tensor forward(Tensor steps, Tensor fused)
    {
        using var scope = NewDisposeScope();
        var hidden = nn.functional.relu(step.forward(steps) + context.forward(fused).unsqueeze(1));
        return output.forward(hidden).MoveToOuterDisposeScope();
    }
}
