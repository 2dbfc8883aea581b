using MultimodalFusion.Training.Trainer;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>
/// Generated problems for the backbone smoke tests, drawn straight into normalised tensors (pixels in [0, 1] mapped
/// to [-1, 1], i.e. mean 0.5 / std 0.5): filled circles vs filled squares; clips of a moving vs a still blob;
/// images whose (valence, arousal) targets are the blob's brightness and size. Random position, size, colours and
/// pixel noise; the same seed gives the same data.
/// </summary>
internal static class SyntheticShapes
{
    /// <summary>Images [n, 3, size, size]: label 0 = circle, 1 = square; classes alternate.</summary>
    public static BackboneDataset CirclesVsSquares(int count, int size, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * 3 * size * size];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            // Equal areas on average: a square of side 2r·sqrt(pi)/2 covers what a circle of radius r does.
            double radius = size * (0.15 + 0.15 * random.NextDouble());
            double half = labels[i] == 0 ? radius : radius * Math.Sqrt(Math.PI) / 2;
            double cx = half + 1 + random.NextDouble() * (size - 2 * half - 2);
            double cy = half + 1 + random.NextDouble() * (size - 2 * half - 2);
            var (fg, bg) = Colours(random);
            var image = pixels.AsSpan(i * 3 * size * size, 3 * size * size);
            Draw(image, size, bg, fg, random, (x, y) => labels[i] == 0
                ? (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius
                : Math.Abs(x - cx) <= half && Math.Abs(y - cy) <= half);
        }
        return new BackboneDataset(tensor(pixels, [count, 3, size, size]), tensor(labels));
    }

    /// <summary>Clips NTCHW [n, frames, 3, size, size]: label 0 = still blob, 1 = blob moving in a straight line.</summary>
    public static BackboneDataset MovingVsStill(int count, int frames, int size, int seed)
    {
        var random = new Random(seed);
        int frameLength = 3 * size * size;
        var pixels = new float[(long)count * frames * frameLength];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            double radius = size * (0.1 + 0.06 * random.NextDouble());
            double speed = labels[i] == 1 ? (size - 2 * radius - 2) / (frames - 1) * (0.6 + 0.4 * random.NextDouble()) : 0;
            double angle = random.NextDouble() * 2 * Math.PI;
            double dx = speed * Math.Cos(angle), dy = speed * Math.Sin(angle);
            // Start where the whole path stays inside the frame.
            double travelX = Math.Abs(dx) * (frames - 1), travelY = Math.Abs(dy) * (frames - 1);
            double x0 = radius + 1 + random.NextDouble() * (size - 2 * radius - 2 - travelX) + (dx < 0 ? travelX : 0);
            double y0 = radius + 1 + random.NextDouble() * (size - 2 * radius - 2 - travelY) + (dy < 0 ? travelY : 0);
            var (fg, bg) = Colours(random);
            for (int t = 0; t < frames; t++)
            {
                double cx = x0 + dx * t, cy = y0 + dy * t;
                var frame = pixels.AsSpan((int)(((long)i * frames + t) * frameLength), frameLength);
                Draw(frame, size, bg, fg, random, (x, y) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius);
            }
        }
        return new BackboneDataset(tensor(pixels, [count, frames, 3, size, size]), tensor(labels));
    }

    /// <summary>Images of one grey disc; targets [n, 2]: valence = brightness in [-1, 1], arousal = radius scaled to [-1, 1].</summary>
    public static BackboneDataset BrightnessAndSize(int count, int size, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * 3 * size * size];
        var targets = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            double v = random.NextDouble() * 2 - 1, a = random.NextDouble() * 2 - 1;
            targets[2 * i] = (float)v;
            targets[2 * i + 1] = (float)a;
            double radius = size * (0.12 + 0.12 * (a + 1));
            double cx = size / 2.0 + (random.NextDouble() - 0.5) * 4, cy = size / 2.0 + (random.NextDouble() - 0.5) * 4;
            float grey = (float)(0.35 + 0.3 * (v + 1));
            Draw(pixels.AsSpan(i * 3 * size * size, 3 * size * size), size, [0.1f, 0.1f, 0.1f], [grey, grey, grey], random,
                (x, y) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius);
        }
        return new BackboneDataset(tensor(pixels, [count, 3, size, size]), tensor(targets, [count, 2]));
    }

    /// <summary>A foreground and a background colour (RGB in [0, 1]) at least 0.35 apart in mean brightness.</summary>
    private static (float[] Fg, float[] Bg) Colours(Random random)
    {
        while (true)
        {
            float[] fg = [random.NextSingle(), random.NextSingle(), random.NextSingle()];
            float[] bg = [random.NextSingle(), random.NextSingle(), random.NextSingle()];
            if (Math.Abs(fg.Average() - bg.Average()) >= 0.35)
                return (fg, bg);
        }
    }

    /// <summary>Planar CHW image: <paramref name="fg"/> where <paramref name="inside"/> holds at the pixel centre, else <paramref name="bg"/>; plus noise; normalised to [-1, 1].</summary>
    private static void Draw(Span<float> planes, int size, float[] bg, float[] fg, Random random, Func<double, double, bool> inside)
    {
        int plane = size * size;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                float[] colour = inside(x + 0.5, y + 0.5) ? fg : bg;
                for (int c = 0; c < 3; c++)
                {
                    float value = Math.Clamp(colour[c] + (float)(random.NextDouble() - 0.5) * 0.1f, 0f, 1f);
                    planes[c * plane + y * size + x] = (value - 0.5f) / 0.5f;
                }
            }
        }
    }
}
