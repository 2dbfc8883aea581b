using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Data;

/// <summary>
/// A seeded, generated fusion problem with a known answer, for smoke tests and for the out-of-the-box models
/// (whose manifests then say "synthetic").
/// </summary>
/// <remarks>
/// Classification: each class has a random prototype vector per stream; a window's steps are its class's
/// prototype times a per-window gain plus N(0, noise²) noise, so the class is recoverable only from the
/// temporal average and more reliably from several streams together. Regression: valence and arousal are
/// tanh of fixed random linear maps of the per-window stream means (every stream present). Rows keep a random prefix length
/// (at least half the window); the last stream is absent in <c>absentFraction</c> of the rows.
/// Only the first <c>informativeStreams</c> streams (default all) carry the class; the rest are noise.
/// <c>problemSeed</c> fixes the problem (prototypes, maps); <c>seed</c> draws the windows, so training,
/// validation and held-out sets share a problem and differ in their samples.
/// </remarks>
public static class SyntheticFusionData
{
    /// <summary>A classification dataset with <paramref name="classes"/> balanced classes.</summary>
    public static FusionDataset Classification(IReadOnlyList<ModalitySpec> modalities, int count, int steps, int classes,
        int seed, double noise = 1.0, double absentFraction = 0.1, int problemSeed = 0, int? informativeStreams = null)
    {
        var random = new Random(seed);
        var problem = new Random(problemSeed);
        var labels = new long[count];
        for (int i = 0; i < count; i++)
            labels[i] = i % classes;
        Shuffle(labels, random);
        var features = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int m = 0; m < modalities.Count; m++)
        {
            int f = modalities[m].FeatureSize;
            var prototypes = Gaussian(problem, classes * f);
            if (m >= (informativeStreams ?? modalities.Count))
                Array.Clear(prototypes); // this stream carries no class information, only noise
            var values = new float[count * steps * f];
            for (int i = 0; i < count; i++)
            {
                double gain = 0.5 + random.NextDouble();
                for (int s = 0; s < steps; s++)
                {
                    for (int j = 0; j < f; j++)
                        values[(i * steps + s) * f + j] = (float)(gain * prototypes[labels[i] * f + j] + noise * NextGaussian(random));
                }
            }
            features.Add(tensor(values, new long[] { count, steps, f }));
            masks.Add(Masks(random, count, steps, absent: m == modalities.Count - 1 && modalities.Count > 1 ? absentFraction : 0));
        }
        return new FusionDataset(modalities, features, masks, tensor(labels, ScalarType.Int64));
    }

    /// <summary>
    /// A per-frame classification dataset: each window has two segments (a boundary between a quarter and three
    /// quarters of the steps) with their own class; the base (first) stream's steps carry their frame's class
    /// prototype, the other streams the window label's (the majority of the labelled frames). Frame targets are -1
    /// on padded steps and on a tenth of the others (unlabelled frames).
    /// </summary>
    public static FusionDataset FrameClassification(IReadOnlyList<ModalitySpec> modalities, int count, int steps, int classes,
        int seed, double noise = 1.0, int problemSeed = 0)
    {
        var random = new Random(seed);
        var problem = new Random(problemSeed);
        var frameLabels = new long[count * steps];
        var trueLabels = new long[count * steps];
        var windowLabels = new long[count];
        var presentSteps = new int[count];
        var votes = new int[classes];
        for (int i = 0; i < count; i++)
        {
            int boundary = steps / 4 + random.Next(steps / 2 + 1);
            long first = random.Next(classes), second = random.Next(classes);
            presentSteps[i] = steps / 2 + random.Next(steps - steps / 2 + 1);
            Array.Clear(votes);
            for (int s = 0; s < steps; s++)
            {
                long label = s < boundary ? first : second;
                trueLabels[i * steps + s] = label;
                bool labelled = s < presentSteps[i] && random.NextDouble() >= 0.1;
                frameLabels[i * steps + s] = labelled ? label : -1;
                if (s < presentSteps[i])
                    votes[label]++;
            }
            windowLabels[i] = Array.IndexOf(votes, votes.Max());
        }
        var features = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int m = 0; m < modalities.Count; m++)
        {
            int f = modalities[m].FeatureSize;
            var prototypes = Gaussian(problem, classes * f);
            var values = new float[count * steps * f];
            var mask = new bool[count * steps];
            for (int i = 0; i < count; i++)
            {
                double gain = 0.5 + random.NextDouble();
                for (int s = 0; s < steps; s++)
                {
                    mask[i * steps + s] = s < presentSteps[i];
                    // The base stream follows the frames' classes (labelled or not), the others the window label.
                    long label = m == 0 ? trueLabels[i * steps + s] : windowLabels[i];
                    for (int j = 0; j < f; j++)
                        values[(i * steps + s) * f + j] = (float)(gain * prototypes[label * f + j] + noise * NextGaussian(random));
                }
            }
            features.Add(tensor(values, new long[] { count, steps, f }));
            masks.Add(tensor(mask, new long[] { count, steps }));
        }
        return new FusionDataset(modalities, features, masks, tensor(windowLabels, ScalarType.Int64),
            tensor(frameLabels, new long[] { count, steps }, ScalarType.Int64));
    }

    /// <summary>A regression dataset: targets [count, 2] (valence, arousal) in (-1, 1).</summary>
    public static FusionDataset Regression(IReadOnlyList<ModalitySpec> modalities, int count, int steps, int seed,
        double noise = 0.5, int problemSeed = 0)
    {
        var random = new Random(seed);
        var problem = new Random(problemSeed);
        var score = new double[count * 2];
        var features = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int m = 0; m < modalities.Count; m++)
        {
            int f = modalities[m].FeatureSize;
            var map = Gaussian(problem, 2 * f);
            var values = new float[count * steps * f];
            for (int i = 0; i < count; i++)
            {
                var mean = Gaussian(random, f);
                for (int d = 0; d < 2; d++)
                {
                    for (int j = 0; j < f; j++)
                        score[i * 2 + d] += map[d * f + j] * mean[j] / Math.Sqrt(f * modalities.Count);
                }
                for (int s = 0; s < steps; s++)
                {
                    for (int j = 0; j < f; j++)
                        values[(i * steps + s) * f + j] = (float)(mean[j] + noise * NextGaussian(random));
                }
            }
            features.Add(tensor(values, new long[] { count, steps, f }));
            masks.Add(Masks(random, count, steps, absent: 0));
        }
        var targets = score.Select(v => (float)Math.Tanh(v)).ToArray();
        return new FusionDataset(modalities, features, masks, tensor(targets, new long[] { count, 2 }));
    }

    private static Tensor Masks(Random random, int count, int steps, double absent)
    {
        var values = new bool[count * steps];
        for (int i = 0; i < count; i++)
        {
            if (random.NextDouble() < absent)
                continue;
            int present = steps / 2 + random.Next(steps - steps / 2 + 1);
            for (int s = 0; s < Math.Max(1, present); s++)
                values[i * steps + s] = true;
        }
        return tensor(values, new long[] { count, steps });
    }

    private static double[] Gaussian(Random random, int n)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = NextGaussian(random);
        return values;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Shuffle<T>(T[] values, Random random)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
