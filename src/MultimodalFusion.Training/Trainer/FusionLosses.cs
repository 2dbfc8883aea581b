using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>The training losses: class-weighted cross-entropy (hard or soft targets), 1 - CCC (mean over dimensions), MSE.</summary>
/// <remarks>Every method returns a new scalar tensor owned by the caller's dispose scope; inputs are not modified.</remarks>
public static class FusionLosses
{
    /// <summary>Cross-entropy of logits [b, k] against class indices [b]; <paramref name="classWeights"/> [k] or null.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels, Tensor? classWeights) =>
        nn.functional.cross_entropy(logits, labels, weight: classWeights);

    /// <summary>
    /// Cross-entropy of logits [.., k] against soft targets [.., k] (mixup): Σ w_c·s_c·(-log p_c) / Σ w_c·s_c over all
    /// rows, which equals <see cref="CrossEntropy"/> for one-hot targets. All-zero target rows (unlabelled frames)
    /// count for nothing; with no mass at all the loss is 0.
    /// </summary>
    public static Tensor SoftCrossEntropy(Tensor logits, Tensor soft, Tensor? classWeights)
    {
        var weighted = classWeights is null ? soft : soft * classWeights;
        var nll = -(weighted * logits.log_softmax(-1)).sum();
        return nll / weighted.sum().clamp_min(1e-8f);
    }

    /// <summary>1 - mean over columns of the batch CCC of predictions [b, d] against targets [b, d] (population moments).</summary>
    public static Tensor OneMinusCcc(Tensor predicted, Tensor truth)
    {
        var meanP = predicted.mean([0L]);
        var meanT = truth.mean([0L]);
        var dp = predicted - meanP;
        var dt = truth - meanT;
        var varP = (dp * dp).mean([0L]);
        var varT = (dt * dt).mean([0L]);
        var cov = (dp * dt).mean([0L]);
        var diff = meanP - meanT;
        var ccc = 2 * cov / (varP + varT + diff * diff + 1e-8f);
        return 1 - ccc.mean();
    }

    /// <summary>
    /// 1 - CCC of per-frame values [b, t, d] against per-frame targets [b, t, d] over the labelled frames of the batch
    /// (rows whose targets hold no NaN), pooled as one set of frames, as the challenge scores them. With fewer than two
    /// labelled frames the loss is 0 (connected to <paramref name="predicted"/>, so backward still runs).
    /// </summary>
    public static Tensor FrameOneMinusCcc(Tensor predicted, Tensor truth)
    {
        long d = truth.shape[^1];
        var flatP = predicted.reshape(-1, d);
        var flatT = truth.reshape(-1, d);
        var rows = flatT.isnan().any(1).logical_not().nonzero().squeeze(1);
        if (rows.shape[0] < 2)
            return predicted.sum() * 0f;
        return OneMinusCcc(flatP.index_select(0, rows), flatT.index_select(0, rows));
    }

    /// <summary>Mean squared error.</summary>
    public static Tensor Mse(Tensor predicted, Tensor truth) => nn.functional.mse_loss(predicted, truth);

    /// <summary>
    /// Inverse-frequency class weights, normalised to mean 1: w_c = n / (k · n_c); a class with no samples gets 0.
    /// </summary>
    public static float[] InverseFrequencyWeights(IReadOnlyList<long> classCounts)
    {
        long total = classCounts.Sum();
        int k = classCounts.Count;
        return classCounts.Select(c => c == 0 ? 0f : (float)(total / ((double)k * c))).ToArray();
    }
}
