using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Models;

/// <summary>
/// The fusion model, defined once for training and export: one <see cref="ModalityEncoder"/> per stream,
/// then either bidirectional <see cref="CrossModalAttention"/> between the configured stream pairs with masked
/// mean pooling, or a Modal Fusion Module (learned per-stream weights; <see cref="FusionKind"/>), giving one
/// fused vector, and a two-layer head (class logits, or tanh values in [-1, 1]); optionally a per-frame head over the
/// base (first) stream's steps (<see cref="FusionFrameHead"/>, <see cref="ForwardFrames"/>).
/// </summary>
/// <remarks>
/// Inputs: per stream, features [batch, time_m, features_m] (float32) and a mask [batch, time_m] (bool or
/// float; true/1 = step present). Streams may have different lengths. A stream whose mask is all false
/// (absent modality) contributes zeros to its own pooled vector, and uniform attention to the other stream.
/// Output: [batch, OutputSize]. The caller owns input and output tensors.
/// </remarks>
public sealed class FusionModel : nn.Module<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>, Tensor>
{
    private readonly ModuleList<ModalityEncoder> encoders;
    private readonly ModuleList<CrossModalAttention> attention;
    private readonly ModuleList<Linear> scorers;
    private readonly ModuleList<Sequential> decoder;
    private readonly ModuleList<Sequential> streamHeads;
    private readonly Parameter? lateScores;
    private readonly Linear hidden;
    private readonly Linear head;
    private readonly ModuleList<FusionFrameHead> frameHead;
    private readonly IReadOnlyList<(int A, int B)> _pairs;

    /// <summary>Builds the model with freshly initialised weights (seed with <c>torch.manual_seed</c> first).</summary>
    public FusionModel(FusionModelOptions options, string name = "fusion") : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _pairs = options.ResolvedPairs();
        encoders = new ModuleList<ModalityEncoder>(
            options.Modalities.Select(m => new ModalityEncoder($"encoder_{m.Name}", m.FeatureSize, options)).ToArray());
        var blocks = new List<CrossModalAttention>();
        foreach (var (a, b) in _pairs)
        {
            string an = options.Modalities[a].Name, bn = options.Modalities[b].Name;
            blocks.Add(new CrossModalAttention($"attn_{an}_to_{bn}", options.EncodedSize, options.Heads));
            blocks.Add(new CrossModalAttention($"attn_{bn}_to_{an}", options.EncodedSize, options.Heads));
        }
        attention = new ModuleList<CrossModalAttention>(blocks.ToArray());
        scorers = new ModuleList<Linear>(options.Fusion == FusionKind.ModalWeights
            ? options.Modalities.Select(_ => nn.Linear(options.EncodedSize, 1)).ToArray()
            : []);
        bool late = options.Fusion == FusionKind.LateFusion;
        streamHeads = new ModuleList<Sequential>(late
            ? options.Modalities.Select(_ => nn.Sequential(nn.Linear(options.EncodedSize, options.HeadHiddenSize), nn.ReLU(),
                nn.Linear(options.HeadHiddenSize, options.OutputSize))).ToArray()
            : []);
        lateScores = late ? nn.Parameter(zeros(options.Modalities.Count)) : null;
        int inputTotal = options.Modalities.Sum(m => m.FeatureSize);
        decoder = new ModuleList<Sequential>(options.AutoEncoder
            ? [nn.Sequential(nn.Linear(FusedSize, options.HeadHiddenSize), nn.ReLU(), nn.Linear(options.HeadHiddenSize, inputTotal))]
            : []);
        hidden = nn.Linear(FusedSize, options.HeadHiddenSize);
        head = nn.Linear(options.HeadHiddenSize, options.OutputSize);
        // Created last: models without a frame head draw the same initial weights as before it existed.
        frameHead = new ModuleList<FusionFrameHead>(options.FrameHead
            ? [new FusionFrameHead("frame_head", options.EncodedSize, FusedSize, options.HeadHiddenSize, options.OutputSize)]
            : []);
        RegisterComponents();
    }

    /// <summary>The options this model was built from.</summary>
    public FusionModelOptions Options { get; }

    /// <summary>Size of the fused vector fed to the head.</summary>
    public int FusedSize => Options.Fusion is FusionKind.ModalWeights or FusionKind.LateFusion
        ? Options.EncodedSize
        : Options.EncodedSize * (_pairs.Count == 0 ? Options.Modalities.Count : 2 * _pairs.Count);

    internal IList<ModalityEncoder> Encoders => encoders;
    internal IList<CrossModalAttention> Attention => attention;
    internal IReadOnlyList<(int A, int B)> Pairs => _pairs;
    internal IList<Linear> Scorers => scorers;
    internal IList<Sequential> StreamHeads => streamHeads;
    internal Parameter? LateScores => lateScores;
    internal Linear Hidden => hidden;
    internal Linear Head => head;
    internal FusionFrameHead? FrameHead => frameHead.Count > 0 ? frameHead[0] : null;

    /// <summary>Features and masks per stream, in <see cref="FusionModelOptions.Modalities"/> order -> [batch, OutputSize].</summary>
    public override Tensor forward(IReadOnlyList<Tensor> features, IReadOnlyList<Tensor> masks)
    {
        var (output, weights) = ForwardWithWeights(features, masks);
        weights?.Dispose();
        return output;
    }

    /// <summary>
    /// The head output and, for <see cref="FusionKind.ModalWeights"/>, the per-stream weights [batch, streams]
    /// (rows sum to 1; absent streams get 0); null weights for cross-attention. The caller owns both.
    /// </summary>
    public (Tensor Output, Tensor? ModalityWeights) ForwardWithWeights(IReadOnlyList<Tensor> features, IReadOnlyList<Tensor> masks)
    {
        using var scope = NewDisposeScope();
        var core = FuseCore(features, masks);
        return ((core.LateOutput ?? ApplyHead(core.Fused)).MoveToOuterDisposeScope(), core.ModalityWeights?.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The window output [batch, k] and the per-frame output [batch, t_0, k] over the base (first) stream's steps
    /// (models built with <see cref="FusionModelOptions.FrameHead"/>): class logits, or tanh values for regression.
    /// The caller owns both.
    /// </summary>
    public (Tensor Output, Tensor FrameLogits) ForwardFrames(IReadOnlyList<Tensor> features, IReadOnlyList<Tensor> masks)
    {
        var frames = FrameHead ?? throw new InvalidOperationException($"FusionModel '{GetName()}' has no frame head (FusionModelOptions.FrameHead).");
        using var scope = NewDisposeScope();
        var core = FuseCore(features, masks);
        return (ApplyHead(core.Fused).MoveToOuterDisposeScope(), FrameOutput(frames.forward(core.BaseSteps, core.Fused)).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The head output, the per-frame output (logits or tanh values; null without a frame head) and, when the model has an auto-encoder
    /// branch, the reconstruction loss: MSE between the decoder's output from the fused vector and each stream's
    /// masked mean input features, concatenated.
    /// </summary>
    public (Tensor Output, Tensor? FrameLogits, Tensor? ReconstructionLoss) TrainingForward(IReadOnlyList<Tensor> features, IReadOnlyList<Tensor> masks)
    {
        using var scope = NewDisposeScope();
        var core = FuseCore(features, masks);
        var output = core.LateOutput ?? ApplyHead(core.Fused);
        var frames = FrameHead?.forward(core.BaseSteps, core.Fused) is { } raw ? FrameOutput(raw) : null;
        Tensor? loss = null;
        if (decoder.Count > 0)
        {
            var target = cat(features.Select((f, m) => MaskedMean(f, masks[m].to_type(ScalarType.Float32))).ToList(), 1);
            loss = nn.functional.mse_loss(decoder[0].forward(core.Fused), target);
        }
        return (output.MoveToOuterDisposeScope(), frames?.MoveToOuterDisposeScope(), loss?.MoveToOuterDisposeScope());
    }

    // Per-frame values of a regression model live in [-1, 1] like the window output; logits stay raw.
    private Tensor FrameOutput(Tensor raw) => Options.Task == FusionTask.Regression ? raw.tanh() : raw;

    private Tensor ApplyHead(Tensor fused)
    {
        var output = head.forward(nn.functional.relu(hidden.forward(fused)));
        return Options.Task == FusionTask.Regression ? output.tanh() : output;
    }

    /// <summary>The pooled fused vector [batch, <see cref="FusedSize"/>] (before the head) and the modality weights, if any.</summary>
    public (Tensor Fused, Tensor? ModalityWeights) Fuse(IReadOnlyList<Tensor> features, IReadOnlyList<Tensor> masks)
    {
        using var scope = NewDisposeScope();
        var core = FuseCore(features, masks);
        return (core.Fused.MoveToOuterDisposeScope(), core.ModalityWeights?.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Fused vector, stream weights (Modal Fusion Module, late fusion), the late-fusion output (late fusion only) and
    /// the base stream's encoded steps. Tensors belong to the caller's dispose scope.
    /// </summary>
    private readonly record struct Core(Tensor Fused, Tensor? ModalityWeights, Tensor? LateOutput, Tensor BaseSteps);

    private Core FuseCore(IReadOnlyList<Tensor> features, IReadOnlyList<Tensor> masks)
    {
        int count = Options.Modalities.Count;
        if (features.Count != count || masks.Count != count)
            throw new ArgumentException($"FusionModel '{GetName()}' expects {count} feature and mask tensors; got {features.Count} and {masks.Count}.");
        var floatMasks = new Tensor[count];
        var encoded = new Tensor[count];
        for (int m = 0; m < count; m++)
        {
            long expected = Options.Modalities[m].FeatureSize;
            if (features[m].dim() != 3 || features[m].shape[2] != expected)
                throw new ArgumentException(
                    $"Stream '{Options.Modalities[m].Name}' needs features [batch, time, {expected}]; got [{string.Join(", ", features[m].shape)}].");
            floatMasks[m] = masks[m].to_type(ScalarType.Float32);
            encoded[m] = encoders[m].forward(features[m], floatMasks[m]);
        }
        if (Options.Fusion == FusionKind.ModalWeights)
        {
            var (weighted, weights) = ModalWeights(encoded, floatMasks);
            return new Core(weighted, weights, null, encoded[0]);
        }
        if (Options.Fusion == FusionKind.LateFusion)
        {
            var (weighted, weights, output) = LateFusion(encoded, floatMasks);
            return new Core(weighted, weights, output, encoded[0]);
        }
        var pooled = new List<Tensor>();
        if (_pairs.Count == 0)
        {
            for (int m = 0; m < count; m++)
                pooled.Add(MaskedMean(encoded[m], floatMasks[m]));
        }
        for (int p = 0; p < _pairs.Count; p++)
        {
            var (a, b) = _pairs[p];
            pooled.Add(MaskedMean(attention[2 * p].forward(encoded[a], encoded[b], floatMasks[b]), floatMasks[a]));
            pooled.Add(MaskedMean(attention[2 * p + 1].forward(encoded[b], encoded[a], floatMasks[a]), floatMasks[b]));
        }
        return new Core(cat(pooled, 1), null, null, encoded[0]);
    }

    /// <summary>
    /// Modal Fusion Module: score each stream's pooled encoding, softmax over streams with absent streams
    /// biased by -1e9 (present = min(sum(mask), 1)), weighted sum of the pooled encodings.
    /// </summary>
    private (Tensor Fused, Tensor Weights) ModalWeights(Tensor[] encoded, Tensor[] floatMasks)
    {
        var pooled = new Tensor[encoded.Length];
        var scores = new Tensor[encoded.Length];
        for (int m = 0; m < encoded.Length; m++)
        {
            pooled[m] = MaskedMean(encoded[m], floatMasks[m]);
            var present = floatMasks[m].sum(1, keepdim: true).clamp_max(1f);
            scores[m] = scorers[m].forward(pooled[m]) + (present - 1f) * CrossModalAttention.MaskScale;
        }
        var weights = cat(scores, 1).softmax(1);
        var fused = (stack(pooled, 1) * weights.unsqueeze(-1)).sum(1);
        return (fused, weights);
    }

    /// <summary>
    /// Weighted late fusion: per-stream heads give probabilities (softmax) or values (tanh); weights are
    /// softmax(learned scores + absent bias) per row; the output is the weighted average, returned as
    /// log-probabilities for classification (valid logits: their softmax is the average itself).
    /// </summary>
    private (Tensor Fused, Tensor Weights, Tensor Output) LateFusion(Tensor[] encoded, Tensor[] floatMasks)
    {
        var pooled = new Tensor[encoded.Length];
        var outputs = new Tensor[encoded.Length];
        var scores = new Tensor[encoded.Length];
        for (int m = 0; m < encoded.Length; m++)
        {
            pooled[m] = MaskedMean(encoded[m], floatMasks[m]);
            var raw = streamHeads[m].forward(pooled[m]);
            outputs[m] = Options.Task == FusionTask.Classification ? raw.softmax(1) : raw.tanh();
            var present = floatMasks[m].sum(1, keepdim: true).clamp_max(1f);
            scores[m] = lateScores![m].reshape(1, 1) + (present - 1f) * CrossModalAttention.MaskScale;
        }
        var weights = cat(scores, 1).softmax(1);
        var fused = (stack(pooled, 1) * weights.unsqueeze(-1)).sum(1);
        var average = (stack(outputs, 1) * weights.unsqueeze(-1)).sum(1);
        var output = Options.Task == FusionTask.Classification ? average.clamp_min(LateProbabilityFloor).log() : average;
        return (fused, weights, output);
    }

    /// <summary>Smallest probability before the log in late fusion (keeps log finite).</summary>
    internal const float LateProbabilityFloor = 1e-12f;

    /// <summary>Mean over present steps: sum(x * mask) / max(sum(mask), 1); [b, t, d] -> [b, d].</summary>
    internal static Tensor MaskedMean(Tensor steps, Tensor mask)
    {
        var sum = (steps * mask.unsqueeze(-1)).sum(1);
        var count = mask.sum(1, keepdim: true).clamp_min(1f);
        return sum / count;
    }
}
