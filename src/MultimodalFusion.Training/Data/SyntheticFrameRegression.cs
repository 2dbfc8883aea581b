using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Data;

/// <summary>
/// A seeded per-frame regression problem (valence and arousal that move inside a window), for tests of the
/// per-frame VA head: a window's value is not enough, the frames have to be read step by step.
/// </summary>
/// <remarks>
/// Per window and dimension d: value_d(s) = tanh(level_d + slope_d · (s / (steps - 1) - 0.5)), level ~ N(0, 0.5²),
/// slope ~ N(0, 2²), so most of the variance lies inside the windows. The base (first) stream's step s holds
/// Σ_d value_d(s) · prototype_{m,d} + N(0, noise²); the other streams hold the window means of the values the same
/// way (context only). Rows keep a random prefix (at least half the steps); frame targets are NaN on padding and on a
/// tenth of the other steps (unlabelled frames); the window target is the mean of the labelled frames.
/// <c>problemSeed</c> fixes the prototypes; <c>seed</c> draws the windows.
/// </remarks>
public static class SyntheticFrameRegression
{
    /// <summary>A dataset of <paramref name="count"/> windows of <paramref name="steps"/> steps with per-frame VA targets [count, steps, 2].</summary>
    public static FusionDataset Create(IReadOnlyList<ModalitySpec> modalities, int count, int steps, int seed, double noise = 0.3, int problemSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        var random = new Random(seed);
        var problem = new Random(problemSeed);
        var values = new float[count * steps * 2];
        var frameTargets = new float[count * steps * 2];
        var windowTargets = new float[count * 2];
        var presentSteps = new int[count];
        for (int i = 0; i < count; i++)
        {
            presentSteps[i] = steps / 2 + random.Next(steps - steps / 2 + 1);
            double[] level = [0.5 * Gaussian(random), 0.5 * Gaussian(random)];
            double[] slope = [2 * Gaussian(random), 2 * Gaussian(random)];
            var sums = new double[2];
            int labelled = 0;
            for (int s = 0; s < steps; s++)
            {
                bool isLabelled = s < presentSteps[i] && random.NextDouble() >= 0.1;
                for (int d = 0; d < 2; d++)
                {
                    float v = (float)Math.Tanh(level[d] + slope[d] * ((double)s / (steps - 1) - 0.5));
                    values[(i * steps + s) * 2 + d] = v;
                    frameTargets[(i * steps + s) * 2 + d] = isLabelled ? v : float.NaN;
                    if (isLabelled)
                        sums[d] += v;
                }
                labelled += isLabelled ? 1 : 0;
            }
            for (int d = 0; d < 2; d++)
                windowTargets[i * 2 + d] = (float)(labelled == 0 ? 0 : sums[d] / labelled);
        }

        var features = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int m = 0; m < modalities.Count; m++)
        {
            int f = modalities[m].FeatureSize;
            var prototypes = Enumerable.Range(0, 2 * f).Select(_ => Gaussian(problem)).ToArray();
            var data = new float[count * steps * f];
            var mask = new bool[count * steps];
            for (int i = 0; i < count; i++)
            {
                for (int s = 0; s < steps; s++)
                {
                    mask[i * steps + s] = s < presentSteps[i];
                    for (int j = 0; j < f; j++)
                    {
                        double x = 0;
                        for (int d = 0; d < 2; d++)
                            x += (m == 0 ? values[(i * steps + s) * 2 + d] : windowTargets[i * 2 + d]) * prototypes[d * f + j];
                        data[(i * steps + s) * f + j] = (float)(x + noise * Gaussian(random));
                    }
                }
            }
            features.Add(tensor(data, new long[] { count, steps, f }));
            masks.Add(tensor(mask, new long[] { count, steps }));
        }
        return new FusionDataset(modalities, features, masks, tensor(windowTargets, new long[] { count, 2 }),
            tensor(frameTargets, new long[] { count, steps, 2 }));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
