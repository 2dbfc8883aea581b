using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// The training-time changes to one batch, in order: dynamic frame sampling, per-stream temporal jitter, Gaussian
/// noise and feature dropout, mixup, modality dropout. Per-frame targets follow the base stream through sampling
/// and jitter.
/// </summary>
/// <remarks>Draws from the caller's <see cref="Random"/> and torch's global generator only; returns tensors owned by the caller's dispose scope.</remarks>
internal sealed class FusionBatchAugmentation
{
    private readonly FusionTrainerOptions _options;

    public FusionBatchAugmentation(FusionTrainerOptions options) => _options = options;

    /// <summary>
    /// The batch the model trains on; soft targets are set when mixup mixed classes (window) or class frame targets
    /// exist; <paramref name="FrameValues"/> are a regression set's per-frame targets [b, t, d] (NaN = unlabelled).
    /// </summary>
    public sealed record Batch(List<Tensor> Features, List<Tensor> Masks, Tensor Targets, Tensor? SoftTargets, Tensor? FrameSoftTargets,
        Tensor? FrameValues = null);

    /// <param name="classes">Classes for soft targets; 0 for regression.</param>
    public Batch Apply(List<Tensor> features, List<Tensor> masks, Tensor targets, Tensor? frameTargets, int classes, Random random)
    {
        var (stride, offset) = FusionFrameSampler.Draw(_options.MaxFrameStride, random);
        var outFeatures = new List<Tensor>(features.Count);
        var outMasks = new List<Tensor>(masks.Count);
        for (int m = 0; m < features.Count; m++)
        {
            var f = features[m];
            var k = masks[m];
            if (stride > 1)
            {
                f = FusionFrameSampler.Apply(f, stride, offset);
                k = FusionFrameSampler.Apply(k, stride, offset);
                if (m == 0 && frameTargets is not null)
                    frameTargets = FusionFrameSampler.Apply(frameTargets, stride, offset);
            }
            int shift = _options.TemporalJitter > 0 ? random.Next(-_options.TemporalJitter, _options.TemporalJitter + 1) : 0;
            if (shift != 0)
            {
                // Rolled steps wrap around; the mask rolls with them, so wrapped padding becomes a masked gap.
                f = f.roll(shift, 1);
                k = k.roll(shift, 1);
                if (m == 0 && frameTargets is not null)
                    frameTargets = frameTargets.roll(shift, 1);
            }
            if (_options.FeatureNoise > 0)
                f = f + randn_like(f) * _options.FeatureNoise;
            if (_options.FeatureDropout > 0)
                f = nn.functional.dropout(f, _options.FeatureDropout, training: true);
            outFeatures.Add(f);
            outMasks.Add(k);
        }

        Tensor? soft = null;
        Tensor? frameSoft = frameTargets is not null && classes > 0 ? FusionMixup.OneHot(frameTargets, classes) : null;
        Tensor? frameValues = frameTargets is not null && classes == 0 ? frameTargets : null;
        long batch = targets.shape[0];
        if (_options.MixupAlpha > 0 && batch > 1)
        {
            double lambda = FusionMixup.SampleLambda(_options.MixupAlpha, random);
            long[] order = Enumerable.Range(0, (int)batch).Select(i => (long)i).ToArray();
            random.Shuffle(order);
            var permutation = tensor(order, ScalarType.Int64);
            outFeatures = outFeatures.Select(f => FusionMixup.Mix(f, permutation, lambda)).ToList();
            outMasks = outMasks.Select(k => FusionMixup.MixMask(k, permutation)).ToList();
            if (classes > 0)
                soft = FusionMixup.MixLabels(targets, permutation, lambda, classes);
            else
                targets = FusionMixup.Mix(targets, permutation, lambda);
            if (frameTargets is not null && classes > 0)
                frameSoft = FusionMixup.MixLabels(frameTargets, permutation, lambda, classes);
            // Per-frame values mix like window values; a frame unlabelled on either side stays NaN (ignored by the loss).
            if (frameValues is not null)
                frameValues = FusionMixup.Mix(frameValues, permutation, lambda);
        }
        return new Batch(outFeatures, DropModalities(outMasks, random), targets, soft, frameSoft, frameValues);
    }

    /// <summary>Clears one random stream's mask in a fraction of the windows (never the only stream).</summary>
    private List<Tensor> DropModalities(List<Tensor> masks, Random random)
    {
        if (_options.ModalityDropout <= 0 || masks.Count < 2)
            return masks;
        long batch = masks[0].shape[0];
        var keep = new bool[masks.Count][];
        for (int m = 0; m < masks.Count; m++)
            keep[m] = Enumerable.Repeat(true, (int)batch).ToArray();
        for (int i = 0; i < batch; i++)
        {
            if (random.NextDouble() < _options.ModalityDropout)
                keep[random.Next(masks.Count)][i] = false;
        }
        return masks.Select((mask, m) => mask.logical_and(tensor(keep[m]).unsqueeze(1))).ToList();
    }
}
